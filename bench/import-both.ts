// npm run bench — the 12345 import on both databases, side by side from the same run: one generated
// CSV of BENCH_IMPORT_ORDERS (100,000) orders through the real path (analyseImport, then commitImport
// all or nothing) into a fresh SQLite file and a fresh database of a throwaway PostgreSQL cluster,
// BENCH_IMPORT_RUNS (3) times each, medians. Target (issue 14, as bench/run.ts counts it): ≥ 25,000 orders/s for
// the whole import, analyse + commit; the commit's own rate is printed beside it. Reports, never fails.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fmtRate, median, rate, table } from './measure';

const ORDERS = Number(process.env.BENCH_IMPORT_ORDERS ?? 100_000);
const RUNS = Number(process.env.BENCH_IMPORT_RUNS ?? 3);
const TARGET = 25_000;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gridcase-import-both-'));
process.env.IMPORT_DIR = path.join(dir, 'imports');
process.env.PHOTO_DIR = path.join(dir, 'photos');

const { openDatabase } = await import('../src/lib/server/db/create-database');
const { migrateToLatest } = await import('../src/lib/server/db/migrate');
const { loadReferenceData } = await import('../src/lib/server/repositories/reference-data');
const { insertImport, updateImport } = await import('../src/lib/server/repositories/hotline-imports');
const { seedDemoUsers } = await import('../seeds/demo-users');
const { analyseImport } = await import('../src/lib/server/services/hotline/import-analyse');
const { commitImport } = await import('../src/lib/server/services/hotline/import-commit');
const { findPgBin, startPgCluster } = await import('../src/lib/server/db/pg-cluster');
const { writeOrdersCsv } = await import('./generate');

const now = Date.now();
const file = path.join(dir, 'orders.csv');
await writeOrdersCsv(file, ORDERS, now);

/** One import into a new database at `target`; the analyse and commit times. */
async function importInto(target: string): Promise<{ analyseMs: number; commitMs: number }> {
	const db = openDatabase(target);
	try {
		await migrateToLatest(db);
		await loadReferenceData(db);
		const users = await seedDemoUsers(db, now);
		const actorId = users.get('diaodu')!;
		const id = await insertImport(db, {
			file_name: 'orders.csv',
			file_kind: 'csv',
			file_sha256: 'bench',
			status: 'analysing',
			mode: null,
			report: null,
			created_by: actorId,
			created_at: now,
			finished_at: null
		});
		const imp = { id, file_name: 'orders.csv', file_kind: 'csv' };
		let t = performance.now();
		await analyseImport(db, imp, file, now);
		const analyseMs = performance.now() - t;
		await updateImport(db, id, { status: 'committing', mode: 'all_or_nothing' });
		t = performance.now();
		await commitImport(db, imp, file, 'all_or_nothing', actorId, now);
		const commitMs = performance.now() - t;
		const stored = await db
			.selectFrom('hotline_orders')
			.select(({ fn }) => fn.countAll<number>().as('n'))
			.executeTakeFirstOrThrow();
		if (Number(stored.n) !== ORDERS) throw new Error(`${target}: ${stored.n} of ${ORDERS} orders stored`);
		return { analyseMs, commitMs };
	} finally {
		await db.destroy();
	}
}

const results: [string, { analyseMs: number; commitMs: number }[]][] = [];
try {
	if (process.env.BENCH_IMPORT_SQLITE !== '0') {
		const lite = [];
		for (let run = 0; run < RUNS; run++) lite.push(await importInto(path.join(dir, `run-${run}.db`)));
		results.push(['SQLite', lite]);
	}
	if (findPgBin()) {
		const cluster = await startPgCluster();
		try {
			const pg = [];
			for (let run = 0; run < RUNS; run++) pg.push(await importInto(await cluster.createDatabase(`bench_${run}`)));
			results.push(['PostgreSQL', pg]);
		} finally {
			await cluster.stop();
		}
	} else console.log('PostgreSQL: no initdb/postgres found (apt-get install postgresql): SQLite only');

	console.log(
		`\n12345 import of ${ORDERS.toLocaleString('en')} orders from CSV — ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, Node ${process.version}, load ${os.loadavg()[0].toFixed(1)}; medians of ${RUNS}`
	);
	const rows = [['database', 'analyse orders/s', 'commit orders/s', 'whole orders/s', `whole ≥ ${fmtRate(TARGET)}/s`]];
	for (const [name, runs] of results) {
		const whole = rate(ORDERS, median(runs.map((r) => r.analyseMs + r.commitMs)));
		rows.push([
			name,
			fmtRate(rate(ORDERS, median(runs.map((r) => r.analyseMs)))),
			fmtRate(rate(ORDERS, median(runs.map((r) => r.commitMs)))),
			fmtRate(whole),
			whole >= TARGET ? 'met' : 'MISSED'
		]);
	}
	console.log(table(rows));
	if (results.length === 2) {
		const [lite, pg] = results.map(([, runs]) => median(runs.map((r) => r.commitMs)));
		console.log(`PostgreSQL commit takes ${(pg / lite).toFixed(2)}× SQLite's time`);
	}
} finally {
	if (process.env.BENCH_KEEP !== '1') fs.rmSync(dir, { recursive: true, force: true });
}
