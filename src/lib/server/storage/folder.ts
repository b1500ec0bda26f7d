// The folder adapter: what GridCase always did, one file per key under a root folder, written to a
// temporary file and renamed, so a reader never sees half a file. On storage shared by several app
// servers (NFS, a cluster file system) it is their common root.
import { mkdir, readFile, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { writeAtomic } from '../atomic-write';
import { resolvePhotoPath } from '../photos';
import type { Storage } from './storage';

const missing = (e: unknown) => (e as NodeJS.ErrnoException).code === 'ENOENT';

export function folderStorage(rootDir: string): Storage {
	const at = (key: string) => resolvePhotoPath(rootDir, key);
	return {
		label: path.resolve(rootDir),
		async put(key, body) {
			const file = at(key);
			await mkdir(path.dirname(file), { recursive: true });
			await writeAtomic(file, body);
		},
		async get(key) {
			try {
				return await readFile(at(key));
			} catch (e) {
				if (missing(e)) return null;
				throw e;
			}
		},
		async delete(key) {
			await rm(at(key), { force: true });
		},
		async exists(key) {
			try {
				return (await stat(at(key))).isFile();
			} catch (e) {
				if (missing(e)) return false;
				throw e;
			}
		}
	};
}
