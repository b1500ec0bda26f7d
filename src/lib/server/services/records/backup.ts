// An online backup: the database as one consistent snapshot, then the photos, evidence
// and import files, and a manifest with every file's size and SHA-256. The snapshot is VACUUM INTO:
// one read transaction, so it finishes whatever the server writes meanwhile (the stepwise backup
// API starts over after every write and, under a steady load, never ends), and in WAL mode it
// blocks no writer. Files are copied after the snapshot, so every file the snapshot refers to is
// there (stored files are never changed, and a file is written before its row).
import { copyFile, mkdir, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { snapshotDatabase } from '../../db/maintenance';
import { sha256File } from './verify-files';

export const MANIFEST = 'manifest.json';
export const BACKUP_DB = 'gridcase.db';
/** The data folders a backup carries, by the name they have inside it. */
export const FOLDERS = ['photos', 'evidence', 'imports'] as const;
export type Folder = (typeof FOLDERS)[number];
export type DataPaths = { database: string } & Record<Folder, string>;

export interface ManifestFile {
	path: string;
	bytes: number;
	sha256: string;
}
export interface Manifest {
	format: 1;
	createdAt: string;
	/** The last migration the database had. */
	schemaVersion: string;
	database: ManifestFile;
	files: ManifestFile[];
}

/** Files under `root`, relative and '/'-separated; temp files of an unfinished write are left out. */
export async function listDataFiles(root: string): Promise<string[]> {
	const entries = await readdir(root, { recursive: true, withFileTypes: true }).catch((e: NodeJS.ErrnoException) => {
		if (e.code === 'ENOENT') return [];
		throw e;
	});
	return entries
		.filter((e) => e.isFile() && !e.name.endsWith('.tmp'))
		.map((e) => path.relative(root, path.join(e.parentPath, e.name)).split(path.sep).join('/'))
		.sort();
}

export async function isEmptyOrMissing(dir: string): Promise<boolean> {
	const entries = await readdir(dir).catch((e: NodeJS.ErrnoException) => {
		if (e.code === 'ENOENT') return [];
		throw e;
	});
	return entries.length === 0;
}

async function hashed(file: string, rel: string): Promise<ManifestFile> {
	const h = await sha256File(file);
	if (!h) throw new Error(`${rel} vanished while it was being backed up`);
	return { path: rel, bytes: h.bytes, sha256: h.sha256 };
}

/** Takes the backup into `target` (missing or empty); returns the manifest it wrote. */
export async function takeBackup(
	from: DataPaths,
	target: string,
	now: Date,
	log: (line: string) => void = () => {}
): Promise<Manifest> {
	if (!(await isEmptyOrMissing(target)))
		throw new Error(`${target} is not empty: a backup goes into a new or empty folder`);
	await mkdir(target, { recursive: true });
	const started = performance.now();
	const dbFile = path.join(target, BACKUP_DB);
	const schemaVersion = snapshotDatabase(from.database, dbFile);
	const database = await hashed(dbFile, BACKUP_DB);
	log(
		`database: ${(database.bytes / 1e6).toFixed(1)} MB snapshot in ${((performance.now() - started) / 1000).toFixed(1)} s (schema ${schemaVersion})`
	);
	const files: ManifestFile[] = [];
	for (const folder of FOLDERS) {
		let bytes = 0;
		const list = await listDataFiles(from[folder]);
		for (const rel of list) {
			const to = path.join(target, folder, rel);
			await mkdir(path.dirname(to), { recursive: true });
			try {
				await copyFile(path.join(from[folder], rel), to);
			} catch (e) {
				// An import file whose retention ran out meanwhile, say: it is simply not in this backup.
				if ((e as NodeJS.ErrnoException).code === 'ENOENT') continue;
				throw e;
			}
			const f = await hashed(to, `${folder}/${rel}`);
			bytes += f.bytes;
			files.push(f);
		}
		log(`${folder}: ${list.length} files, ${(bytes / 1e6).toFixed(1)} MB`);
	}
	const manifest: Manifest = { format: 1, createdAt: now.toISOString(), schemaVersion, database, files };
	await writeFile(path.join(target, MANIFEST), JSON.stringify(manifest, null, '\t'));
	log(`backup written to ${target} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
	return manifest;
}
