import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, existsSync } from 'node:fs';
import { mkdir, open, rename, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { Db } from '../../db/create-database';
import { claimImportCommit, findImport, insertImport, listRecentImports } from '../../repositories/hotline-imports';
import { claimImportJob, markInterruptedImports } from './import-runner';
import { importDir } from '../../config';
import { MAX_IMPORT_BYTES, SNIFF_HEAD_BYTES, sniffFileKind } from '../../import/sniff';
import { analyseImport } from './import-analyse';
import { commitImport } from './import-commit';
import { type ImportMode, type ImportReport } from './import-jobs';
import { progressOf } from './import-progress';
import { importRetentionDays } from '../records/housekeeping';
import { warmImportWorker } from './import-worker';

export const importFilePath = (id: number, kind: string) => join(importDir(), `${id}.${kind}`);

/** An upload or a file on disk, as a new import being analysed by this process; its id. */
async function registerImport(
	db: Db,
	file: { name: string; kind: string; sha256: string },
	actorId: number,
	now: number
): Promise<number> {
	const id = await insertImport(db, {
		file_name: file.name.slice(0, 200),
		file_kind: file.kind,
		file_sha256: file.sha256,
		status: 'analysing',
		mode: null,
		report: null,
		created_by: actorId,
		created_at: now,
		finished_at: null,
		progress_phase: 'checking',
		progress_at: Date.now() // the clock, not the import's 'now': a heartbeat (import-progress.ts)
	});
	await claimImportJob(db, id);
	return id;
}

/** Stores an upload and starts checking it in the background; the page shows its progress. */
export async function startImport(
	db: Db,
	file: File,
	actorId: number,
	now: number
): Promise<{ ok: true; id: number } | { ok: false; code: string }> {
	if (file.size === 0) return { ok: false, code: 'file_empty' };
	if (file.size > MAX_IMPORT_BYTES) return { ok: false, code: 'file_too_large' };
	const head = new Uint8Array(await file.slice(0, SNIFF_HEAD_BYTES).arrayBuffer());
	const kind = sniffFileKind(head, file.name);
	if (!kind) return { ok: false, code: 'not_csv_or_xlsx' };
	const bytes = new Uint8Array(await file.arrayBuffer());
	const sha256 = createHash('sha256').update(bytes).digest('hex');
	const row = { id: await registerImport(db, { name: file.name, kind, sha256 }, actorId, now) };
	await mkdir(importDir(), { recursive: true });
	const path = importFilePath(row.id, kind);
	const tmp = `${path}.${randomUUID()}.tmp`;
	await writeFile(tmp, bytes);
	await rename(tmp, path);
	void analyseImport(db, { id: row.id, file_name: file.name, file_kind: kind }, path, now);
	return { ok: true, id: row.id };
}

/**
 * Registers a file already on disk (the command-line import) as an import in state 'analysing'; it is
 * analysed and committed where it lies. The same checks as an upload: empty, too large, not CSV/XLSX.
 */
export async function registerImportFile(
	db: Db,
	path: string,
	actorId: number,
	now: number
): Promise<{ ok: true; imp: { id: number; file_name: string; file_kind: string } } | { ok: false; code: string }> {
	const fh = await open(path, 'r');
	let head: Uint8Array;
	try {
		const { size } = await fh.stat();
		if (size === 0) return { ok: false, code: 'empty' };
		if (size > MAX_IMPORT_BYTES) return { ok: false, code: 'too_large' };
		head = new Uint8Array(Math.min(size, SNIFF_HEAD_BYTES));
		await fh.read(head, 0, head.length, 0);
	} finally {
		await fh.close();
	}
	const name = basename(path).slice(0, 200);
	const kind = sniffFileKind(head, name);
	if (!kind) return { ok: false, code: 'not_csv_or_xlsx' };
	const hash = createHash('sha256');
	for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
	const row = { id: await registerImport(db, { name, kind, sha256: hash.digest('hex') }, actorId, now) };
	return { ok: true, imp: { id: row.id, file_name: name, file_kind: kind } };
}

/**
 * Starts writing a previewed import in the background on the app's own connection, yielding between
 * batches: other requests queue behind the transaction for its few seconds instead of meeting a
 * locked database (which, with better-sqlite3's synchronous busy wait, would freeze the server).
 */
export async function startCommit(
	db: Db,
	id: number,
	mode: ImportMode,
	actorId: number,
	now: number
): Promise<{ ok: true } | { ok: false; code: string }> {
	const imp = await findImport(db, id);
	if (!imp) return { ok: false, code: 'not_found' };
	if (!canCommit(imp)) return { ok: false, code: 'not_allowed_in_state' };
	if (mode === 'all_or_nothing' && imp.error_rows > 0) return { ok: false, code: 'import_has_errors' };
	// A command-line import is read where it lies, not kept here: run the command again instead.
	if (!existsSync(importFilePath(id, imp.file_kind))) return { ok: false, code: 'import_file_missing' };
	if (!(await claimImportCommit(db, id, imp.status, mode, Date.now()))) return { ok: false, code: 'stale' };
	await claimImportJob(db, id);
	void commitImport(db, imp, importFilePath(id, imp.file_kind), mode, actorId, now);
	return { ok: true };
}

/**
 * Previewed, or interrupted while committing (a crash, a kill: its transaction left nothing, and its
 * check had finished, which the chosen mode shows): it can be committed, again.
 */
export const canCommit = (imp: { status: string; mode: string | null }) =>
	imp.status === 'previewed' || (imp.status === 'interrupted' && imp.mode !== null);

/** A server that stopped mid-job, or a command-line import killed: see import-runner.ts. */
export { markInterruptedImports };

/** The import page: the last ten imports and how long their files are kept. */
export async function loadImportOverview(db: Db) {
	// Someone about to upload a file: the import worker starts while they choose it.
	warmImportWorker();
	const [imports, retentionDays] = await Promise.all([listRecentImports(db, 10), importRetentionDays(db)]);
	return { imports, retentionDays };
}

/**
 * One import with its report, whether it may be committed now, and how far a running job has got
 * (from whichever server runs it); null when there is none.
 */
export async function loadImportStatus(db: Db, id: number) {
	let imp = await findImport(db, id);
	if (!imp) return null;
	// A job whose process is gone says so as soon as its page is looked at, not at the next start.
	if ((imp.status === 'analysing' || imp.status === 'committing') && (await markInterruptedImports(db, id)).length)
		imp = (await findImport(db, id))!;
	// A preview being read: the commit that may follow finds its worker started.
	if (imp.status === 'previewed') warmImportWorker();
	const running = imp.status === 'analysing' || imp.status === 'committing';
	// A command-line import reads its file where it lies: the server has no copy to commit again.
	const fileHere = existsSync(importFilePath(id, imp.file_kind));
	return {
		imp: { ...imp, report: imp.report ? (JSON.parse(imp.report) as ImportReport) : null },
		running,
		canCommit: canCommit(imp) && fileHere,
		fileGone: canCommit(imp) && !fileHere,
		processed: running ? progressOf(imp).rows : 0,
		progress: running ? progressOf(imp) : null
	};
}
