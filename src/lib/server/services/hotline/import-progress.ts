// A running import's progress, where every app server can read it: the import's own row (phase, rows
// done, of how many when known, when last written). The server running the job keeps the latest
// figure in memory too, and writes it to the row at most every PROGRESS_EVERY_MS and at each change
// of phase: one small UPDATE a quarter-second, nothing an import of 25,000 rows a second notices.
//
// Two moments write nothing to the row. On SQLite, the single transaction that writes the orders holds
// the file's one writer (and the app's write gate): the row keeps its last figure meanwhile, and only
// this process sees the count move. On PostgreSQL, a heartbeat writes the row every HEARTBEAT_MS while
// a job runs, so another server can tell a job that is slow from one whose server has died
// (import-runner.ts: no word for STALE_MS).
import type { Db } from '../../db/create-database';
import { isPostgres } from '../../db/postgres';
import { writeImportProgress, type StoredProgress } from '../../repositories/hotline-imports';
import { whenFree } from '../../repositories/hotline-import-jobs';

/** Checking the file (analysis), making its rows ready (commit), writing them (commit). */
export type ImportPhase = 'checking' | 'preparing' | 'writing';

export const PROGRESS_EVERY_MS = 250;
export const HEARTBEAT_MS = 10_000;
/** A job of another server with no progress written for this long is taken for one whose server died. */
export const STALE_MS = 60_000;

interface Live {
	phase: ImportPhase;
	rows: number;
	total: number | null;
	storedAt: number;
	heartbeat: NodeJS.Timeout | null;
}
const live = new Map<number, Live>();

const stored = (l: Live, at: number): StoredProgress => ({
	progress_phase: l.phase,
	progress_rows: l.rows,
	progress_total: l.total,
	progress_at: at
});

/** How far this process's job on the import has got (rows); 0 when it runs none. */
export const importProgress = (id: number) => live.get(id)?.rows ?? 0;

/**
 * Where a job stands: `rows` of `total` (null: not known yet) in `phase`. Kept in memory at once, and
 * written to the import's row when it is due; `store: false` for the moments the row must not be written.
 */
export async function reportProgress(
	db: Db,
	id: number,
	progress: { phase: ImportPhase; rows: number; total?: number | null; store?: boolean }
): Promise<void> {
	const now = Date.now();
	let l = live.get(id);
	if (!l) {
		live.set(id, (l = { phase: progress.phase, rows: 0, total: null, storedAt: 0, heartbeat: null }));
		if (isPostgres(db)) l.heartbeat = startHeartbeat(db, id, l);
	}
	const newPhase = l.phase !== progress.phase || l.storedAt === 0;
	l.phase = progress.phase;
	l.rows = progress.rows;
	l.total = progress.total ?? null;
	if (progress.store === false || (!newPhase && now - l.storedAt < PROGRESS_EVERY_MS)) return;
	l.storedAt = now;
	await whenFree(id, () => writeImportProgress(db, id, stored(l, now)));
}

function startHeartbeat(db: Db, id: number, l: Live): NodeJS.Timeout {
	const timer = setInterval(() => {
		const now = Date.now();
		l.storedAt = now;
		writeImportProgress(db, id, stored(l, now)).catch((e) =>
			console.error(`import ${id}: its progress could not be written (${(e as Error).message})`)
		);
	}, HEARTBEAT_MS);
	timer.unref();
	return timer;
}

/** The job has ended here: its figures are forgotten (the row's status and counts say the rest). */
export function endProgress(id: number): void {
	const l = live.get(id);
	if (l?.heartbeat) clearInterval(l.heartbeat);
	live.delete(id);
}

/** What the import page shows of a running job: this process's own figure when it runs it, else the row's. */
export function progressOf(imp: {
	id: number;
	progress_phase: string | null;
	progress_rows: number;
	progress_total: number | null;
}): { phase: string | null; rows: number; total: number | null } {
	const l = live.get(imp.id);
	if (l) return { phase: l.phase, rows: l.rows, total: l.total };
	return { phase: imp.progress_phase, rows: imp.progress_rows, total: imp.progress_total };
}
