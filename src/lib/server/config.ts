import { dirname, join, resolve } from 'node:path';

// Server settings from the environment, read in one place (scripts use it too, so no $env here).

const POSTGRES_URL = /^postgres(ql)?:\/\//i;
const ANY_URL = /^[a-z][a-z0-9+.-]*:\/\//i;

/**
 * Which database to open: DATABASE_URL when set (postgres:// or postgresql:// for PostgreSQL, or
 * the path of a SQLite file), else the SQLite file at DATABASE_PATH (default data/gridcase.db).
 * A URL of another kind is refused rather than taken for a file name.
 */
export function databaseTarget(): string {
	const url = process.env.DATABASE_URL?.trim();
	if (!url) return databasePath();
	if (POSTGRES_URL.test(url)) return url;
	if (ANY_URL.test(url))
		throw new Error(
			`DATABASE_URL must be a postgres:// or postgresql:// URL or a SQLite file path, not ${url.split(':')[0]}:`
		);
	return resolve(url);
}

/** databaseTarget() as it may be printed: a PostgreSQL URL without its password. */
export function databaseLabel(): string {
	const target = databaseTarget();
	if (!POSTGRES_URL.test(target)) return target;
	const u = new URL(target);
	if (u.password) u.password = '***';
	return u.toString();
}

/** Whether databaseTarget() is PostgreSQL. */
export const usesPostgres = (): boolean => POSTGRES_URL.test(process.env.DATABASE_URL?.trim() ?? '');

/**
 * The SQLite file: DATABASE_URL when that is a path, else DATABASE_PATH. On PostgreSQL the folder
 * beside it is still where photos, evidence and imports go by default.
 */
export function databasePath(): string {
	const url = process.env.DATABASE_URL?.trim();
	if (url && !ANY_URL.test(url)) return resolve(url);
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
