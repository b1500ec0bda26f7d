// What the server keeps and for how long: uploaded 12345 files are deleted a set number
// of days after their import is committed or refused, and files a killed process left behind
// (a photo stored just before its transaction died, a half-written temp file) are removed at start.
// Pure: the clock and the file facts are parameters.

const DAY_MS = 86_400_000;
export const DEFAULT_IMPORT_RETENTION_DAYS = 30;
export const MAX_IMPORT_RETENTION_DAYS = 3650;
/** A file younger than this may belong to an upload still under way: never removed as left behind. */
export const IN_FLIGHT_MS = 3_600_000;
/** Import states after which the uploaded file is no longer needed (refused: the file itself failed). */
export const FINISHED_IMPORT_STATUSES = ['committed', 'failed'] as const;

/** Whole days from 0 (delete at the next sweep) to 3650; null for anything else. */
export function parseRetentionDays(raw: string): number | null {
	const s = raw.trim();
	if (!/^\d{1,4}$/.test(s)) return null;
	const n = Number(s);
	return n <= MAX_IMPORT_RETENTION_DAYS ? n : null;
}

export function isImportFileExpired(
	imp: { status: string; finished_at: number | null },
	days: number,
	now: number
): boolean {
	return (
		(FINISHED_IMPORT_STATUSES as readonly string[]).includes(imp.status) &&
		imp.finished_at !== null &&
		imp.finished_at + days * DAY_MS <= now
	);
}

export type DataFolderKind = 'media' | 'imports';
// The names the app gives the files it stores: photos and evidence under YYYY/MM/ (a UUID, with or
// without dashes, and _t for the thumbnail), uploads as <import id>.<kind>, temp files as
// <target>.<uuid>.tmp. Anything else in the folders was put there by someone else and is left alone.
const MEDIA = /^\d{4}\/\d{2}\/[0-9a-f-]{32,36}(_t)?\.(jpg|png|webp)$/;
const IMPORT = /^\d+\.(csv|xlsx)$/;
const TEMP = /\.[0-9a-f-]{36}\.tmp$/;

/** Whether a file the database does not refer to is to be removed: only the app's own, never a young one. */
export function isLeftBehind(
	rel: string,
	kind: DataFolderKind,
	mtimeMs: number,
	referenced: boolean,
	now: number
): boolean {
	if (now - mtimeMs < IN_FLIGHT_MS) return false;
	if (TEMP.test(rel)) return true;
	if (referenced) return false;
	return kind === 'media' ? MEDIA.test(rel) : IMPORT.test(rel);
}
