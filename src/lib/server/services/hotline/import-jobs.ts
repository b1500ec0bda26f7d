// What the two jobs of an import (analyse, then commit) share: the report they store, and how a job
// ends or fails (its progress: import-progress.ts). The jobs themselves: import-analyse.ts and import-commit.ts.
import type { Db } from '../../db/create-database';
import { ImportFileError } from '../../import/errors';
import { updateImport } from '../../repositories/hotline-imports';
import { whenFree } from '../../repositories/hotline-import-jobs';
import { endProgress } from './import-progress';
import { releaseImportJob } from './import-runner';
import type { RowNote, RowProblem } from './import-scan';

export type ImportMode = 'all_or_nothing' | 'valid_only';

/** What an import stores as its report: the first problems row by row, changed orders, or a file-level failure. */
export interface ImportReport {
	problems?: RowProblem[];
	more?: number;
	/** Rows imported other than as written, or counted once: deadlines from the file, 居民区 found or 待定, repeated lines, title rows. */
	notes?: RowNote[];
	moreNotes?: number;
	/** Lines repeating an earlier line: counted once. */
	repeated?: number;
	/** The sheet row (CSV line) holding the column headers. */
	headerLine?: number;
	changed?: string[];
	fileError?: string;
	columns?: string[];
	line?: number | null;
	otherLine?: number | null;
}

/** The import a job works on. */
export interface ImportRow {
	id: number;
	file_name: string;
	file_kind: string;
	/** Rows the analysis found valid (a commit's expected total), when there was one. */
	valid_rows?: number;
}

/** Rows checked or made ready between two turns of the event loop. */
export const BATCH = 2000;

export const tick = () => new Promise((resolve) => setImmediate(resolve));

/** 'All or nothing' met a row with a problem: the transaction is rolled back. */
export class RowsInvalid extends Error {}

/** Runs one job of an import: a failure is stored as the import's report; either way the job ends. */
export async function runImportJob(db: Db, id: number, now: number, job: () => Promise<void>): Promise<void> {
	try {
		await job();
	} catch (e) {
		await fail(db, id, e, now);
	} finally {
		endProgress(id);
		await whenFree(id, () => releaseImportJob(db, id));
	}
}

async function fail(db: Db, id: number, e: unknown, now: number) {
	const code = e instanceof ImportFileError ? e.code : e instanceof RowsInvalid ? 'import_has_errors' : 'internal';
	if (code === 'internal') console.error(`import ${id} failed`, e);
	await whenFree(id, () =>
		updateImport(db, id, {
			status: 'failed',
			report: JSON.stringify({
				fileError: code,
				line: e instanceof ImportFileError ? (e.line ?? null) : null,
				otherLine: e instanceof ImportFileError ? (e.otherLine ?? null) : null
			}),
			finished_at: now
		})
	);
}
