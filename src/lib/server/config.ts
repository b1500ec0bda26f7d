import { dirname, join, resolve } from 'node:path';

// Server settings from the environment, read in one place (scripts use it too, so no $env here).
export function databasePath(): string {
	return resolve(process.env.DATABASE_PATH ?? 'data/gridcase.db');
}

export function photoDir(): string {
	return resolve(process.env.PHOTO_DIR ?? join(dirname(databasePath()), 'photos'));
}

/** Uploaded import files are kept here between preview and commit. */
export function importDir(): string {
	return resolve(process.env.IMPORT_DIR ?? join(dirname(databasePath()), 'imports'));
}

/** Camera frames and enforcement photos, kept byte for byte (their SHA-256 is the proof). */
export function evidenceDir(): string {
	return resolve(process.env.EVIDENCE_DIR ?? join(dirname(databasePath()), 'evidence'));
}
