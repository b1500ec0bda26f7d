// Where photos and evidence are kept, behind four calls by key ('2026/12/<id>.jpg'): a folder (the
// default; a folder on shared storage when several app servers run), or an S3-compatible object
// store when STORAGE_S3_BUCKET is set (config.ts: s3Settings). Either way every server reads what any
// server wrote. Keys are checked here once: relative, no NUL, no '..' escape (resolvePhotoPath).
import path from 'node:path';
import { s3Settings } from '../config';
import { folderStorage } from './folder';
import { s3Storage } from './s3';

export interface Storage {
	put(key: string, body: Uint8Array): Promise<void>;
	/** The bytes, or null when there is no such object. */
	get(key: string): Promise<Buffer | null>;
	/** Removes the object; one that is not there is no error. */
	delete(key: string): Promise<void>;
	exists(key: string): Promise<boolean>;
	/** For messages: the folder, or s3://bucket/prefix. */
	readonly label: string;
}

/**
 * The storage for a root folder (photoDir(), evidenceDir()): that folder, or, with an object store
 * configured, the store's objects under the folder's name as prefix ('photos/…', 'evidence/…').
 */
export function storageAt(rootDir: string): Storage {
	const s3 = s3Settings();
	return s3 ? s3Storage(s3, `${path.basename(path.resolve(rootDir))}/`) : folderStorage(rootDir);
}

/** Whether photos and evidence go to an object store rather than folders (backups then leave them to the store). */
export const usesObjectStore = () => s3Settings() !== null;

/** The object's bytes; a missing one is an error (code ENOENT, as a missing file was). */
export async function readStored(rootDir: string, key: string): Promise<Buffer> {
	const body = await storageAt(rootDir).get(key);
	if (body) return body;
	throw Object.assign(new Error(`not found: ${key}`), { code: 'ENOENT' });
}
