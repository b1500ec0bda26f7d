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

/**
 * An S3-compatible object store for photos and evidence instead of PHOTO_DIR / EVIDENCE_DIR, when
 * STORAGE_S3_BUCKET is set: STORAGE_S3_ENDPOINT (e.g. https://minio.internal:9000; path-style
 * requests), STORAGE_S3_ACCESS_KEY, STORAGE_S3_SECRET_KEY, STORAGE_S3_REGION (us-east-1). Null when unset.
 */
export function s3Settings(): {
	endpoint: string;
	bucket: string;
	accessKey: string;
	secretKey: string;
	region: string;
} | null {
	const bucket = process.env.STORAGE_S3_BUCKET?.trim();
	if (!bucket) return null;
	const need = (name: string) => {
		const v = process.env[name]?.trim();
		if (!v) throw new Error(`STORAGE_S3_BUCKET is set, so ${name} must be set too`);
		return v;
	};
	const endpoint = need('STORAGE_S3_ENDPOINT');
	if (!/^https?:\/\//i.test(endpoint)) throw new Error('STORAGE_S3_ENDPOINT must be an http:// or https:// URL');
	return {
		endpoint,
		bucket,
		accessKey: need('STORAGE_S3_ACCESS_KEY'),
		secretKey: need('STORAGE_S3_SECRET_KEY'),
		region: process.env.STORAGE_S3_REGION?.trim() || 'us-east-1'
	};
}
