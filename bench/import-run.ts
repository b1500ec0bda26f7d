// One import through the real path, as the upload pages drive it: a hotline_imports row, analyseImport
// (preview), then commitImport 'all_or_nothing' on the app's connection (as startCommit does).
// Loaded by run.ts after DATABASE_PATH / IMPORT_DIR / PHOTO_DIR point at the temp dir.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import type Database from 'better-sqlite3';
import type { Db } from '../src/lib/server/db/create-database';
import { analyseImport } from '../src/lib/server/services/hotline/import-analyse';
import { commitImport } from '../src/lib/server/services/hotline/import-commit';
import { cpuSeconds, gc, liveHeapSampler, rssSampler } from './measure';
import { probeResponsiveness, type Latencies } from './probe';

export type Kind = 'csv' | 'xlsx';

export interface RunResult {
	analyseMs: number;
	commitMs: number;
	cpuS: number;
	rssStart: number;
	rssPeak: number;
	/** Only with `live`: peak live heap (after GC) during analyse and during commit. */
	liveAnalyse?: number;
	liveCommit?: number;
	/** Only with `probe`: answers to /health and to a one-row read while the commit ran. */
	during?: { health: Latencies; db: Latencies };
}

export interface ImportSetup {
	db: Db;
	raw: Database.Database;
	actorId: number;
	now: number;
}

/** Empties the order tables between runs (the append-only trigger is lifted for that, in this scratch database only). */
export function resetOrders(sqlite: Database.Database): void {
	const trigger = sqlite
		.prepare("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = 'hotline_events_no_delete'")
		.pluck()
		.get() as string;
	sqlite.exec(
		'DROP TRIGGER hotline_events_no_delete; DELETE FROM hotline_events; DELETE FROM hotline_orders; DELETE FROM hotline_imports;'
	);
	sqlite.exec(trigger);
	sqlite.pragma('wal_checkpoint(TRUNCATE)');
}

export async function sha256(file: string): Promise<string> {
	const h = createHash('sha256');
	for await (const chunk of fs.createReadStream(file)) h.update(chunk as Buffer);
	return h.digest('hex');
}

/** Imports `file` into emptied order tables and checks every order arrived; `liveEveryMs` samples the live heap (timing then means little). */
export async function importOnce(
	s: ImportSetup,
	kind: Kind,
	file: string,
	expected: number,
	liveEveryMs = 0,
	probe = false
): Promise<RunResult> {
	resetOrders(s.raw);
	gc();
	const fileName = `orders.${kind}`;
	const sha = await sha256(file);
	const { id } = await s.db
		.insertInto('hotline_imports')
		.values({
			file_name: fileName,
			file_kind: kind,
			file_sha256: sha,
			status: 'analysing',
			mode: null,
			report: null,
			created_by: s.actorId,
			created_at: s.now,
			finished_at: null
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	const imp = { id, file_name: fileName, file_kind: kind };
	const heap = liveEveryMs ? liveHeapSampler(liveEveryMs) : null;
	const rss = rssSampler(50);
	const cpu0 = process.cpuUsage();

	const a0 = performance.now();
	await analyseImport(s.db, imp, file, s.now);
	const analyseMs = performance.now() - a0;
	const liveAnalyse = heap?.peak();
	heap?.reset();
	const previewed = await s.db.selectFrom('hotline_imports').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
	if (
		previewed.status !== 'previewed' ||
		previewed.valid_rows !== expected ||
		previewed.new_rows !== expected ||
		previewed.error_rows !== 0
	) {
		throw new Error(
			`analyse of ${kind}: status ${previewed.status}, valid ${previewed.valid_rows}, new ${previewed.new_rows}, errors ${previewed.error_rows}: ${previewed.report?.slice(0, 300)}`
		);
	}

	await s.db
		.updateTable('hotline_imports')
		.set({ status: 'committing', mode: 'all_or_nothing' })
		.where('id', '=', id)
		.execute();
	const probing = probe ? await probeResponsiveness(s.db) : null;
	const c0 = performance.now();
	await commitImport(s.db, imp, file, 'all_or_nothing', s.actorId, s.now);
	const commitMs = performance.now() - c0;
	const during = await probing?.stop();
	const cpuS = cpuSeconds(cpu0);
	const mem = rss.stop();
	const liveCommit = heap?.stop();

	const done = await s.db
		.selectFrom('hotline_imports')
		.select(['status', 'written_rows', 'report'])
		.where('id', '=', id)
		.executeTakeFirstOrThrow();
	const stored = await s.db
		.selectFrom('hotline_orders')
		.select(({ fn }) => fn.countAll<number>().as('n'))
		.where('import_id', '=', id)
		.executeTakeFirstOrThrow();
	if (done.status !== 'committed' || done.written_rows !== expected || Number(stored.n) !== expected) {
		throw new Error(
			`commit of ${kind}: status ${done.status}, written ${done.written_rows}, stored ${stored.n}: ${done.report?.slice(0, 300)}`
		);
	}
	return { analyseMs, commitMs, cpuS, rssStart: mem.start, rssPeak: mem.peak, liveAnalyse, liveCommit, during };
}
