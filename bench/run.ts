// npm run bench — import benchmark (issue 3): 100,000 generated 12345 orders from CSV and from XLSX,
// through the real import path (analyseImport → commitImport 'all_or_nothing'), into a database that
// already holds 1,000,000 cases; compared with the raw better-sqlite3 insert rate measured in this run.
// A benchmark reports, it does not fail: exit code 0 whether the targets are met or not.
// Knobs (for quick tries): BENCH_ORDERS, BENCH_CASES, BENCH_RUNS, BENCH_MEMORY=0 (skip the live-heap runs),
// BENCH_KEEP=1 (keep the temp dir).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { fmtRate, mb, median, rate, secs, table } from './measure';

const ORDERS = Number(process.env.BENCH_ORDERS ?? 100_000);
const CASES = Number(process.env.BENCH_CASES ?? 1_000_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const MEMORY = process.env.BENCH_MEMORY !== '0';
const SMALL = Math.round(ORDERS / 5);
const TARGETS = { csv: 25_000, xlsx: 5_000 } as const;
const KINDS = (process.env.BENCH_KINDS ?? 'csv,xlsx').split(',') as ('csv' | 'xlsx')[];

const started = performance.now();
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gridcase-bench-'));
const dbPath = path.join(dir, 'gridcase.db');
// Before any server module is loaded (src/lib/server/config.ts reads these).
process.env.DATABASE_PATH = dbPath;
process.env.IMPORT_DIR = path.join(dir, 'imports');
process.env.PHOTO_DIR = path.join(dir, 'photos');

const { createDatabase } = await import('../src/lib/server/db/create-database');
const { migrateToLatest } = await import('../src/lib/server/db/migrate');
const { loadReferenceData } = await import('../src/lib/server/repositories/reference-data');
const { seedDemoUsers } = await import('../seeds/demo-users');
const { MAX_IMPORT_BYTES } = await import('../src/lib/server/import/sniff');
const { writeOrdersCsv, writeOrdersXlsx } = await import('./generate');
const { fillCases, orderIndexCount, orderParams, rawOrderInsert } = await import('./fill');
const { importOnce } = await import('./import-run');
type RunResult = Awaited<ReturnType<typeof importOnce>>;

const say = (s = '') => console.log(s);
const elapsed = () => `[${secs(performance.now() - started).padStart(8)}]`;
const wholeRate = (x: RunResult) => rate(ORDERS, x.analyseMs + x.commitMs);
const ms = (v: number) => `${v.toFixed(0)} ms`;
const answers = (x: RunResult) =>
	x.during
		? `/health p50 ${ms(x.during.health.p50)} p99 ${ms(x.during.health.p99)} max ${ms(x.during.health.max)} (${x.during.health.n}), a one-row read p99 ${ms(x.during.db.p99)} max ${ms(x.during.db.max)}`
		: '-';

function openRaw(): Database.Database {
	const sqlite = new Database(dbPath);
	for (const p of ['journal_mode = WAL', 'foreign_keys = ON', 'busy_timeout = 5000', 'synchronous = NORMAL'])
		sqlite.pragma(p);
	return sqlite;
}

async function writeFiles(n: number, tag: string, now: number) {
	const files = { csv: path.join(dir, `orders-${tag}.csv`), xlsx: path.join(dir, `orders-${tag}.xlsx`) };
	const t0 = performance.now();
	await writeOrdersCsv(files.csv, n, now);
	const t1 = performance.now();
	await writeOrdersXlsx(files.xlsx, n, now);
	const t2 = performance.now();
	const size = { csv: fs.statSync(files.csv).size, xlsx: fs.statSync(files.xlsx).size };
	return { files, size, ms: { csv: t1 - t0, xlsx: t2 - t1 } };
}

async function main(): Promise<void> {
	const now = Date.now();
	say(
		`GridCase import benchmark — ${new Date(now).toISOString()}, node ${process.version}, ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, load ${os.loadavg()[0].toFixed(1)}`
	);
	say(
		`${ORDERS.toLocaleString('en-US')} orders per file into a database holding ${CASES.toLocaleString('en-US')} cases; ${RUNS} runs per format, medians quoted; temp dir ${dir}`
	);
	say();
	const db = createDatabase(dbPath);
	const raw = openRaw();
	try {
		await migrateToLatest(db);
		await loadReferenceData(db);
		const users = await seedDemoUsers(db, now);
		const setup = { db, raw, actorId: users.get('diaodu')!, now };

		// 1. Raw better-sqlite3 baselines: prepared statement, one transaction.
		const casesMs = fillCases(raw, CASES, now);
		raw.pragma('wal_checkpoint(TRUNCATE)');
		const casesRate = rate(CASES, casesMs);
		say(
			`${elapsed()} raw fill: ${CASES.toLocaleString('en-US')} cases in ${secs(casesMs)} = ${fmtRate(casesRate)} rows/s (7 indexes)`
		);
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
		say(
			`${elapsed()} raw orders: ${fmtRate(median(bare))} rows/s into a bare copy of hotline_orders, ${fmtRate(rawOrders)} rows/s with its ${orderIndexCount(raw)} indexes (runs ${indexed.map(fmtRate).join(' / ')})`
		);

		// 2. Input files.
		const big = await writeFiles(ORDERS, 'big', now);
		say(
			`${elapsed()} generated: CSV ${mb(big.size.csv)} in ${secs(big.ms.csv)}, XLSX ${mb(big.size.xlsx)} in ${secs(big.ms.xlsx)} (upload limit ${mb(MAX_IMPORT_BYTES)})`
		);

		// 3. The real import, RUNS times per format, each on emptied order tables.
		const results: Record<'csv' | 'xlsx', RunResult[]> = { csv: [], xlsx: [] };
		for (const kind of KINDS) {
			for (let r = 0; r < RUNS; r++) {
				const x = await importOnce(setup, kind, big.files[kind], ORDERS, 0, true);
				results[kind].push(x);
				say(
					`${elapsed()} ${kind.padEnd(4)} run ${r + 1}: analyse ${secs(x.analyseMs)} + commit ${secs(x.commitMs)} = ${fmtRate(wholeRate(x))} orders/s, ` +
						`CPU ${x.cpuS.toFixed(1)} s; RSS ${mb(x.rssStart)} → peak ${mb(x.rssPeak)}; during the commit ${answers(x)}`
				);
			}
		}

		// 4. Memory: live heap (a full GC every 0.2 s / 1 s, untimed) with a file 1/5 the size and with the full file.
		const memRows: string[][] = [['memory', 'orders', 'file', 'live heap, analyse', 'live heap, commit']];
		const growth: string[] = [];
		if (MEMORY) {
			const small = await writeFiles(SMALL, 'small', now);
			for (const kind of KINDS) {
				const live: RunResult[] = [];
				for (const [n, f, every] of [
					[SMALL, small, 200],
					[ORDERS, big, 1000]
				] as const) {
					const x = await importOnce(setup, kind, f.files[kind], n, every);
					live.push(x);
					memRows.push([
						kind.toUpperCase(),
						n.toLocaleString('en-US'),
						mb(f.size[kind]),
						mb(x.liveAnalyse!),
						mb(x.liveCommit!)
					]);
				}
				// Bytes kept per extra order: ~100 B is the set of 工单号 seen (duplicate check); more means the file is held.
				const per = (k: 'liveAnalyse' | 'liveCommit') => (live[1][k]! - live[0][k]!) / (ORDERS - SMALL);
				const verdict = (b: number) =>
					`${b.toFixed(0)} B/order ${b <= 200 ? '(bounded: ~ the 工单号 set)' : '(GROWS with the file)'}`;
				growth.push(
					`${kind.toUpperCase()}: live heap per extra order — analyse ${verdict(per('liveAnalyse'))}, commit ${verdict(per('liveCommit'))}`
				);
			}
			say(`${elapsed()} memory runs done`);
		}

		// 5. Report.
		say();
		const rows = [
			['format', 'file', 'analyse/s', 'commit/s', 'import/s', 'import time', 'CPU', '÷ raw insert', 'peak RSS', 'Δ RSS']
		];
		for (const kind of KINDS) {
			const rs = results[kind];
			const whole = median(rs.map(wholeRate));
			rows.push([
				kind.toUpperCase(),
				mb(big.size[kind]),
				fmtRate(median(rs.map((x) => rate(ORDERS, x.analyseMs)))),
				fmtRate(median(rs.map((x) => rate(ORDERS, x.commitMs)))),
				fmtRate(whole),
				secs(median(rs.map((x) => x.analyseMs + x.commitMs))),
				`${median(rs.map((x) => x.cpuS)).toFixed(1)} s`,
				`${(whole / rawOrders).toFixed(3)}×`,
				mb(median(rs.map((x) => x.rssPeak))),
				mb(median(rs.map((x) => x.rssPeak - x.rssStart)))
			]);
		}
		say(table(rows));
		for (const kind of KINDS) {
			const d = results[kind].map((x) => x.during!).filter(Boolean);
			if (d.length)
				say(
					`${kind.toUpperCase()} commit, other requests meanwhile (medians of ${d.length} runs): /health p99 ${ms(median(d.map((x) => x.health.p99)))}, max ${ms(median(d.map((x) => x.health.max)))}; a one-row read on the app's connection p99 ${ms(median(d.map((x) => x.db.p99)))}, max ${ms(median(d.map((x) => x.db.max)))}`
				);
		}
		say(
			`raw better-sqlite3, same run: ${fmtRate(rawOrders)} hotline_orders rows/s (scratch copy + its indexes), ${fmtRate(casesRate)} cases rows/s (${CASES.toLocaleString('en-US')}-row fill)`
		);
		say(
			'import/s = whole import (analyse + commit) per wall second; CPU = process CPU seconds for it; RSS sampled every 50 ms'
		);
		if (MEMORY) {
			say();
			say(table(memRows));
			for (const g of growth) say(g);
		}
		say();
		for (const kind of KINDS) {
			const whole = median(results[kind].map(wholeRate));
			const ok = whole >= TARGETS[kind];
			say(
				`${ok ? 'PASS ' : 'BELOW'} ${kind.toUpperCase()}: ${fmtRate(whole)} orders/s ${ok ? '≥' : '<'} target ${fmtRate(TARGETS[kind])}/s (${(whole / TARGETS[kind]).toFixed(2)}× target, median of ${RUNS})`
			);
		}
		say(`total bench time ${secs(performance.now() - started)}`);
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
