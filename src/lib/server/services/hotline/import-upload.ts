import { createHash, randomUUID } from 'node:crypto';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createDatabase, type Db } from '../../db/create-database';
import { databasePath, importDir } from '../../config';
import { MAX_IMPORT_BYTES, SNIFF_HEAD_BYTES, sniffFileKind } from '../../import/sniff';
import { analyseImport, commitImport, type ImportMode } from './import-jobs';

export const importFilePath = (id: number, kind: string) => join(importDir(), `${id}.${kind}`);

/** Stores an upload and starts checking it in the background; the page shows its progress. */
export async function startImport(db: Db, file: File, actorId: number, now: number): Promise<{ ok: true; id: number } | { ok: false; code: string }> {
	if (file.size === 0) return { ok: false, code: 'empty' };
	if (file.size > MAX_IMPORT_BYTES) return { ok: false, code: 'too_large' };
	const head = new Uint8Array(await file.slice(0, SNIFF_HEAD_BYTES).arrayBuffer());
	const kind = sniffFileKind(head, file.name);
	if (!kind) return { ok: false, code: 'not_csv_or_xlsx' };
	const bytes = new Uint8Array(await file.arrayBuffer());
	const row = await db
		.insertInto('hotline_imports')
		.values({ file_name: file.name.slice(0, 200), file_kind: kind, file_sha256: createHash('sha256').update(bytes).digest('hex'), status: 'analysing', mode: null, report: null, created_by: actorId, created_at: now, finished_at: null })
		.returning('id')
		.executeTakeFirstOrThrow();
	await mkdir(importDir(), { recursive: true });
	const path = importFilePath(row.id, kind);
	const tmp = `${path}.${randomUUID()}.tmp`;
	await writeFile(tmp, bytes);
	await rename(tmp, path);
	void analyseImport(db, { id: row.id, file_name: file.name, file_kind: kind }, path, now);
	return { ok: true, id: row.id };
}

/** Starts writing a previewed import on its own connection, so the app stays responsive meanwhile. */
export async function startCommit(db: Db, id: number, mode: ImportMode, actorId: number, now: number): Promise<{ ok: true } | { ok: false; code: string }> {
	const imp = await db.selectFrom('hotline_imports').selectAll().where('id', '=', id).executeTakeFirst();
	if (!imp) return { ok: false, code: 'not_found' };
	if (imp.status !== 'previewed') return { ok: false, code: 'not_allowed_in_state' };
	if (mode === 'all_or_nothing' && imp.error_rows > 0) return { ok: false, code: 'import_has_errors' };
	const claimed = await db.updateTable('hotline_imports').set({ status: 'committing', mode }).where('id', '=', id).where('status', '=', 'previewed').executeTakeFirst();
	if (Number(claimed.numUpdatedRows) !== 1) return { ok: false, code: 'stale' };
	const writer = createDatabase(databasePath());
	void commitImport(writer, imp, importFilePath(id, imp.file_kind), mode, actorId, now).finally(() => writer.destroy());
	return { ok: true };
}

/** A server that stopped mid-job left it unfinished; the transaction guarantees nothing of it was written. */
export async function markInterruptedImports(db: Db): Promise<void> {
	await db.updateTable('hotline_imports').set({ status: 'interrupted' }).where('status', 'in', ['analysing', 'committing']).execute();
}

