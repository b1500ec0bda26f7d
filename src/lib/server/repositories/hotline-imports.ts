// 12345 file imports (hotline_imports): one row per uploaded or command-line file, from 'analysing'
// to 'committed', 'failed' or 'interrupted'. The orders themselves are written by the ingest service.
import type { Insertable, Updateable } from 'kysely';
import type { Db } from '../db/create-database';
import type { HotlineImportTable } from '../db/schema-hotline';

/** States of a job still under way in some process. */
const RUNNING = ['analysing', 'committing'] as const;

export const findImport = (db: Db, id: number) =>
	db.selectFrom('hotline_imports').selectAll().where('id', '=', id).executeTakeFirst();

/** The newest imports first. */
export const listRecentImports = (db: Db, limit: number) =>
	db.selectFrom('hotline_imports').selectAll().orderBy('id', 'desc').limit(limit).execute();

export async function insertImport(db: Db, row: Insertable<HotlineImportTable>): Promise<number> {
	return (await db.insertInto('hotline_imports').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

export async function updateImport(db: Db, id: number, changes: Updateable<HotlineImportTable>): Promise<void> {
	await db.updateTable('hotline_imports').set(changes).where('id', '=', id).execute();
}

/**
 * Moves an import from the state it was read in to 'committing', its progress started afresh at `at`
 * (so no other server takes it for a job left behind); false when another request moved it first.
 */
export async function claimImportCommit(
	db: Db,
	id: number,
	fromStatus: string,
	mode: string,
	at: number
): Promise<boolean> {
	const claimed = await db
		.updateTable('hotline_imports')
		.set({
			status: 'committing',
			mode,
			progress_phase: 'preparing',
			progress_rows: 0,
			progress_total: null,
			progress_at: at
		})
		.where('id', '=', id)
		.where('status', '=', fromStatus)
		.executeTakeFirst();
	return Number(claimed.numUpdatedRows) === 1;
}

/** Imports still marked as running (all of them, or the one asked about), with when their progress was last written. */
export async function listRunningImports(
	db: Db,
	onlyId?: number
): Promise<{ id: number; progress_at: number | null }[]> {
	let q = db
		.selectFrom('hotline_imports')
		.select(['id', 'progress_at'])
		.where('status', 'in', [...RUNNING]);
	if (onlyId !== undefined) q = q.where('id', '=', onlyId);
	return await q.execute();
}

/** A running job's progress, as its server last wrote it. */
export interface StoredProgress {
	progress_phase: string | null;
	progress_rows: number;
	progress_total: number | null;
	progress_at: number;
}

export async function writeImportProgress(db: Db, id: number, progress: StoredProgress): Promise<void> {
	await db.updateTable('hotline_imports').set(progress).where('id', '=', id).execute();
}

/** A job whose process is gone: nothing of it was written. */
export async function markImportInterrupted(db: Db, id: number): Promise<void> {
	await db
		.updateTable('hotline_imports')
		.set({ status: 'interrupted' })
		.where('id', '=', id)
		.where('status', 'in', [...RUNNING])
		.execute();
}

/** Imports whose file is no longer needed once their retention has run out. */
export const listFinishedImports = (db: Db, statuses: readonly string[]) =>
	db
		.selectFrom('hotline_imports')
		.select(['id', 'file_kind', 'status', 'finished_at'])
		.where('status', 'in', [...statuses])
		.execute();

/** Every import's id and file kind (the name its file has in the imports folder). */
export const listImportFiles = (db: Db) => db.selectFrom('hotline_imports').select(['id', 'file_kind']).execute();
