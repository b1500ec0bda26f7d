// npm run bench — import benchmark (issue 3): 100,000 generated 12345 orders from CSV and from XLSX,
// through the real import path (analyseImport → commitImport 'all_or_nothing'), into a database that
// already holds 1,000,000 cases; compared with the raw better-sqlite3 insert rate measured in this run.
// A benchmark reports, it does not fail: exit code 0 whether the targets are met or not.
// Knobs (for quick tries): BENCH_ORDERS, BENCH_CASES, BENCH_RUNS, BENCH_KEEP=1 (keep the temp dir).
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { collect, fmtRate, mb, median, rate, rssSampler, secs, table } from './measure';

const ORDERS = Number(process.env.BENCH_ORDERS ?? 100_000);
const CASES = Number(process.env.BENCH_CASES ?? 1_000_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const TARGETS = { csv: 25_000, xlsx: 5_000 } as const;
type Kind = keyof typeof TARGETS;

const started = performance.now();
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gridcase-bench-'));
const dbPath = path.join(dir, 'gridcase.db');
// Before any server module is loaded (src/lib/server/config.ts reads these).
process.env.DATABASE_PATH = dbPath;
process.env.IMPORT_DIR = path.join(dir, 'imports');
process.env.PHOTO_DIR = path.join(dir, 'photos');

const { createDatabase } = await import('../src/lib/server/db/create-database');
const { migrateToLatest } = await import('../src/lib/server/db/migrate');
const { seedReference } = await import('../seeds/reference');
const { seedDemoUsers } = await import('../seeds/demo-users');
const { analyseImport, commitImport } = await import('../src/lib/server/services/hotline/import-jobs');
const { MAX_IMPORT_BYTES } = await import('../src/lib/server/import/sniff');
const { writeOrdersCsv, writeOrdersXlsx } = await import('./generate');
const { fillCases, orderParams, rawOrderInsert } = await import('./fill');

const say = (s = '') => console.log(s);
const elapsed = () => secs(performance.now() - started);

interface RunResult {
	analyseMs: number;
	commitMs: number;
	rssStart: number;
	rssPeak: number;
	heapPeak: number;
}

function openRaw(): Database.Database {
	const sqlite = new Database(dbPath);
	for (const p of ['journal_mode = WAL', 'foreign_keys = ON', 'busy_timeout = 5000', 'synchronous = NORMAL']) sqlite.pragma(p);
	return sqlite;
}

/** Empties the order tables between runs (the append-only trigger is lifted for that, in this scratch database only). */
function resetOrders(sqlite: Database.Database): void {
	const trigger = sqlite.prepare("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = 'hotline_events_no_delete'").pluck().get() as string;
	sqlite.exec('DROP TRIGGER hotline_events_no_delete; DELETE FROM hotline_events; DELETE FROM hotline_orders; DELETE FROM hotline_imports;');
	sqlite.exec(trigger);
	sqlite.pragma('wal_checkpoint(TRUNCATE)');
}

async function sha256(file: string): Promise<string> {
	const h = createHash('sha256');
	for await (const chunk of fs.createReadStream(file)) h.update(chunk as Buffer);
	return h.digest('hex');
}

const heapSampler = () => {
	let peak = 0;
	const t = setInterval(() => (peak = Math.max(peak, process.memoryUsage().heapUsed)), 50);
	return () => (clearInterval(t), Math.max(peak, process.memoryUsage().heapUsed));
};

async function importOnce(db: Awaited<ReturnType<typeof createDatabase>>, kind: Kind, file: string, sha: string, actorId: number, now: number, expected: number): Promise<RunResult> {
	collect();
	const rss = rssSampler(50);
	const heap = heapSampler();
	const fileName = `orders.${kind}`;
	const { id } = await db
		.insertInto('hotline_imports')
		.values({ file_name: fileName, file_kind: kind, file_sha256: sha, status: 'analysing', mode: null, report: null, created_by: actorId, created_at: now, finished_at: null })
		.returning('id')
		.executeTakeFirstOrThrow();
	const imp = { id, file_name: fileName, file_kind: kind };
	const a0 = performance.now();
	await analyseImport(db, imp, file, now);
	const analyseMs = performance.now() - a0;
	const previewed = await db.selectFrom('hotline_imports').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
	if (previewed.status !== 'previewed' || previewed.valid_rows !== expected || previewed.new_rows !== expected || previewed.error_rows !== 0) {
		throw new Error(`analyse of ${kind}: status ${previewed.status}, valid ${previewed.valid_rows}, new ${previewed.new_rows}, errors ${previewed.error_rows}: ${previewed.report?.slice(0, 300)}`);
	}
	// As startCommit does: claim the import, then write on a connection of its own.
	await db.updateTable('hotline_imports').set({ status: 'committing', mode: 'all_or_nothing' }).where('id', '=', id).execute();
	const writer = createDatabase(dbPath);
	const c0 = performance.now();
	await commitImport(writer, imp, file, 'all_or_nothing', actorId, now);
	const commitMs = performance.now() - c0;
	await writer.destroy();
	const heapPeak = heap();
	const mem = rss.stop();
	const done = await db.selectFrom('hotline_imports').select(['status', 'written_rows', 'report']).where('id', '=', id).executeTakeFirstOrThrow();
	const stored = await db.selectFrom('hotline_orders').select(({ fn }) => fn.countAll<number>().as('n')).where('import_id', '=', id).executeTakeFirstOrThrow();
	if (done.status !== 'committed' || done.written_rows !== expected || Number(stored.n) !== expected) {
		throw new Error(`commit of ${kind}: status ${done.status}, written ${done.written_rows}, stored ${stored.n}: ${done.report?.slice(0, 300)}`);
	}
	return { analyseMs, commitMs, rssStart: mem.start, rssPeak: mem.peak, heapPeak };
}

async function main(): Promise<void> {
	const now = Date.now();
	say(`GridCase import benchmark — ${new Date(now).toISOString()}, node ${process.version}, ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}`);
	say(`${ORDERS.toLocaleString('en-US')} orders per file, ${CASES.toLocaleString('en-US')} cases already stored, ${RUNS} runs per format (medians quoted); temp dir ${dir}`);
	say();

	const db = createDatabase(dbPath);
	const raw = openRaw();
	try {
		await migrateToLatest(db);
		await seedReference(db);
		const users = await seedDemoUsers(db, now);
		const actorId = users.get('diaodu')!;

		// 1. Raw baselines.
		const casesMs = fillCases(raw, CASES, now);
		raw.pragma('wal_checkpoint(TRUNCATE)');
		const casesRate = rate(CASES, casesMs);
		say(`[${elapsed()}] raw fill: ${CASES.toLocaleString('en-US')} cases in ${secs(casesMs)} = ${fmtRate(casesRate)} rows/s (1 transaction, 7 indexes)`);
		let params: unknown[][] | null = orderParams(ORDERS, now);
		const bare: number[] = [];
		const indexed: number[] = [];
		for (let r = 0; r < RUNS; r++) {
			bare.push(rate(ORDERS, rawOrderInsert(raw, params, false)));
			indexed.push(rate(ORDERS, rawOrderInsert(raw, params, true)));
		}
		params = null;
		raw.pragma('wal_checkpoint(TRUNCATE)');
		const rawOrders = median(indexed);
		say(`[${elapsed()}] raw orders: scratch copy of hotline_orders, ${fmtRate(median(bare))} rows/s bare, ${fmtRate(rawOrders)} rows/s with its 5 indexes (median of ${RUNS}; runs ${indexed.map(fmtRate).join(' / ')})`);

		// 2. Input files.
		const files = { csv: path.join(dir, 'orders.csv'), xlsx: path.join(dir, 'orders.xlsx') };
		const g0 = performance.now();
		await writeOrdersCsv(files.csv, ORDERS, now);
		const g1 = performance.now();
		await writeOrdersXlsx(files.xlsx, ORDERS, now);
		const g2 = performance.now();
		const size = { csv: fs.statSync(files.csv).size, xlsx: fs.statSync(files.xlsx).size };
		const sha = { csv: await sha256(files.csv), xlsx: await sha256(files.xlsx) };
		say(`[${elapsed()}] generated: CSV ${mb(size.csv)} in ${secs(g1 - g0)}, XLSX ${mb(size.xlsx)} in ${secs(g2 - g1)} (upload limit ${mb(MAX_IMPORT_BYTES)})`);
		say();

		// 3. The real import, RUNS times per format on an emptied order table.
		const results: Record<Kind, RunResult[]> = { csv: [], xlsx: [] };
		for (const kind of ['csv', 'xlsx'] as const) {
			for (let r = 0; r < RUNS; r++) {
				resetOrders(raw);
				const x = await importOnce(db, kind, files[kind], sha[kind], actorId, now, ORDERS);
				results[kind].push(x);
				say(
					`[${elapsed()}] ${kind} run ${r + 1}: analyse ${secs(x.analyseMs)}, commit ${secs(x.commitMs)}, ` +
						`${fmtRate(rate(ORDERS, x.analyseMs + x.commitMs))} orders/s; RSS ${mb(x.rssStart)} → peak ${mb(x.rssPeak)}, heap peak ${mb(x.heapPeak)}`
				);
			}
		}
		say();

		// 4. Report.
		const rows = [['format', 'file', 'analyse/s', 'commit/s', 'import/s', 'import time', '÷ raw orders', 'peak RSS', 'Δ RSS', 'heap peak']];
		for (const kind of ['csv', 'xlsx'] as const) {
			const rs = results[kind];
			const whole = median(rs.map((x) => rate(ORDERS, x.analyseMs + x.commitMs)));
			rows.push([
				kind.toUpperCase(),
				mb(size[kind]),
				fmtRate(median(rs.map((x) => rate(ORDERS, x.analyseMs)))),
				fmtRate(median(rs.map((x) => rate(ORDERS, x.commitMs)))),
				fmtRate(whole),
				secs(median(rs.map((x) => x.analyseMs + x.commitMs))),
				`${(whole / rawOrders).toFixed(3)}×`,
				mb(median(rs.map((x) => x.rssPeak))),
				mb(median(rs.map((x) => x.rssPeak - x.rssStart))),
				mb(median(rs.map((x) => x.heapPeak)))
			]);
		}
		say(table(rows));
		say(`raw better-sqlite3 in this run: ${fmtRate(rawOrders)} orders rows/s (scratch hotline_orders + indexes, median), ${fmtRate(casesRate)} cases rows/s (1M fill)`);
		say('(import/s = analyse + commit, the whole import; medians of the runs; memory: medians of per-run peaks sampled every 50 ms)');
		say();
		for (const kind of ['csv', 'xlsx'] as const) {
			const whole = median(results[kind].map((x) => rate(ORDERS, x.analyseMs + x.commitMs)));
			const ok = whole >= TARGETS[kind];
			say(`${ok ? 'PASS ' : 'BELOW'} ${kind.toUpperCase()}: ${fmtRate(whole)} orders/s ${ok ? '≥' : '<'} target ${fmtRate(TARGETS[kind])}/s (${(whole / TARGETS[kind]).toFixed(2)}× target)`);
		}
		say(`total bench time ${elapsed()}`);
	} finally {
		raw.close();
		await db.destroy();
		if (!process.env.BENCH_KEEP) fs.rmSync(dir, { recursive: true, force: true });
	}
}

main().catch((e) => {
	console.error('bench failed:', e);
	process.exitCode = 1;
});
