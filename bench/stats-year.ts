// npm run bench — the yearly statistics over a Shanghai-scale year (issue 5): 9,000,000 grid cases
// with their events (plus 12345 orders) in one database file. The full year's figures, grouped by
// month and by 片区, from the kept counts against a plain GROUP BY over the rows computing the same
// numbers; both results are compared to the case. The counts are first rebuilt from the records by
// the same code as `npm run stats:rebuild`, then moved by 1,000 case writes and verified equal to a
// second rebuild. A benchmark reports, it does not fail (exit code 0).
// With PostgreSQL's binaries present, the same rows are copied into a throwaway PostgreSQL cluster
// and measured there too, side by side.
// Knobs: BENCH_YEAR_CASES (9,000,000), BENCH_YEAR_ORDERS (1,000,000), BENCH_YEAR_RUNS (3), BENCH_KEEP=1.
import { deepStrictEqual } from 'node:assert';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { median, table } from './measure';

const CASES = Number(process.env.BENCH_YEAR_CASES ?? 9_000_000);
const ORDERS = Number(process.env.BENCH_YEAR_ORDERS ?? 1_000_000);
const RUNS = Number(process.env.BENCH_YEAR_RUNS ?? 3);
const YEAR = 2025;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gridcase-year-bench-'));
const dbPath = path.join(dir, 'gridcase.db');
process.env.DATABASE_PATH = dbPath;

const { createDatabase, sqliteHandle } = await import('../src/lib/server/db/create-database');
const { migrateToLatest } = await import('../src/lib/server/db/migrate');
const { loadReferenceData } = await import('../src/lib/server/repositories/reference-data');
const { seedDemoUsers } = await import('../seeds/demo-users');
const { rebuildCounts } = await import('../src/lib/server/services/stats/rebuild');
const { statsFromCounts } = await import('../src/lib/server/services/stats/from-counts');
const { unitOfWork } = await import('../src/lib/server/services/unit-of-work');
const { spanOf } = await import('../src/lib/server/repositories/stats');
const { fillYear } = await import('./year-fill');
const { plainGroupBy, onSqlite, onPostgres } = await import('./stats-sql');
const { onPostgresToo } = await import('./stats-year-pg');
const { findPgBin } = await import('../src/lib/server/db/pg-cluster');

const started = performance.now();
const say = (s: string) => console.log(`[${((performance.now() - started) / 1000).toFixed(0).padStart(5)} s] ${s}`);
const now = Date.now();
const db = createDatabase(dbPath);
try {
	console.log(
		`GridCase yearly statistics benchmark — ${new Date(now).toISOString()}, Node ${process.version}, ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}`
	);
	await migrateToLatest(db);
	await loadReferenceData(db);
	await seedDemoUsers(db, now);
	const sqlite = sqliteHandle(db)!;
	say(`filling ${YEAR}: ${CASES.toLocaleString('en')} grid cases and ${ORDERS.toLocaleString('en')} 12345 orders …`);
	const filled = fillYear(sqlite, YEAR, CASES, ORDERS, say);
	sqlite.pragma('wal_checkpoint(TRUNCATE)');
	say(
		`filled: ${filled.cases.toLocaleString('en')} cases with ${filled.caseEvents.toLocaleString('en')} events, ${filled.orders.toLocaleString('en')} orders with ${filled.orderEvents.toLocaleString('en')} events; file ${(fs.statSync(dbPath).size / 2 ** 30).toFixed(2)} GiB`
	);

	let t = performance.now();
	const built = await rebuildCounts(db, {
		write: true,
		progress: (kind, done, of) =>
			done % 1_000_000 < 5_000 && say(`  rebuild: ${kind} ${done.toLocaleString('en')} / ${of.toLocaleString('en')}`)
	});
	const rebuildMs = performance.now() - t;
	say(`counts rebuilt from the records: ${built.rows.toLocaleString('en')} rows in ${(rebuildMs / 1000).toFixed(1)} s`);

	// Kept by writes: close 1,000 of the open cases the way the services do (a unit of work each).
	const open = await db
		.selectFrom('cases')
		.select(['id', 'version', 'deadline_at'])
		.where('status', '=', 'handling')
		.limit(1_000)
		.execute();
	t = performance.now();
	for (const c of open) {
		const at = c.deadline_at! - 3_600_000;
		await unitOfWork(db, (w) =>
			w.updateCase(c.id, c.version, { status: 'closed', feedback_at: at, closed_at: at + 60_000, updated_at: now }, [])
		);
	}
	const writesMs = performance.now() - t;
	t = performance.now();
	const verify = await rebuildCounts(db, { write: false });
	say(
		`${open.length} case closings kept in the counts (${(writesMs / open.length).toFixed(2)} ms each); a second rebuild in ${((performance.now() - t) / 1000).toFixed(1)} s finds ${verify.differences.length} differences`
	);

	const from = `${YEAR}-01-01`;
	const to = `${YEAR}-12-31`;
	const measure = async (label: string, plain: Parameters<typeof plainGroupBy>[0], on: typeof db) => {
		const plainMs: number[] = [];
		const countsMs: number[] = [];
		let first: Awaited<ReturnType<typeof plainGroupBy>> | null = null;
		for (let run = 0; run < RUNS; run++) {
			t = performance.now();
			const byRows = await plainGroupBy(plain, from, to, spanOf(from, to), now);
			plainMs.push(performance.now() - t);
			t = performance.now();
			const kept = {
				month: await statsFromCounts(on, from, to, 'month', now),
				area: await statsFromCounts(on, from, to, 'area', now)
			};
			countsMs.push(performance.now() - t);
			if (run === 0) {
				deepStrictEqual(kept, byRows);
				first = kept;
			}
			say(
				`${label} run ${run + 1}: plain GROUP BY ${plainMs[run].toFixed(0)} ms, kept counts ${countsMs[run].toFixed(1)} ms`
			);
		}
		return { plain: median(plainMs), counts: median(countsMs), result: first! };
	};
	const lite = await measure('SQLite', onSqlite(sqlite), db);
	const r = lite.result.month.total.rates;
	say(
		`both ways agree to the case: grid 按时办结 ${r.grid_on_time.numerator}/${r.grid_on_time.denominator}, 高效处置 ${r.grid_efficient.numerator}/${r.grid_efficient.denominator}, 先行联系 ${r.first_contact.numerator}/${r.first_contact.denominator}, 12345 按时办结 ${r.hotline_on_time.numerator}/${r.hotline_on_time.denominator}; reported ${lite.result.month.total.volumes.reported.toLocaleString('en')}; ${lite.result.month.groups.length} months, ${lite.result.area.groups.length} 片区`
	);
	const onPg = findPgBin()
		? await onPostgresToo(sqlite, say, async (pgDb, pool) => {
				const m = await measure('PostgreSQL', onPostgres(pool), pgDb);
				deepStrictEqual(m.result, lite.result);
				say('PostgreSQL gives the same figures as SQLite, group by group');
				return m;
			})
		: (say('PostgreSQL: no initdb/postgres found (apt-get install postgresql): SQLite only'), null);

	console.log(
		`\nmachine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, Node ${process.version}; ${YEAR}, ${CASES.toLocaleString('en')} cases + ${ORDERS.toLocaleString('en')} orders; medians of ${RUNS} runs`
	);
	const rows = [['full year, by month and by 片区', 'median ms', 'vs plain on the same database']];
	for (const [name, m] of [
		['SQLite', lite],
		['PostgreSQL', onPg?.measured]
	] as const) {
		if (!m) continue;
		rows.push([`${name}: plain GROUP BY over the rows`, m.plain.toFixed(0), '1.0×']);
		rows.push([
			`${name}: kept counts (+ live part)`,
			m.counts.toFixed(1),
			`${(m.plain / m.counts).toFixed(0)}× faster`
		]);
	}
	console.log(table(rows));
	for (const [name, m] of [
		['SQLite', lite],
		['PostgreSQL', onPg?.measured]
	] as const)
		if (m)
			console.log(
				`${name} targets: ≤ 100 ms ${m.counts <= 100 ? 'met' : 'MISSED'}; ≥ 10× faster ${m.plain / m.counts >= 10 ? 'met' : 'MISSED'}`
			);
	console.log(
		`rebuild from the records on SQLite ${(rebuildMs / 1000).toFixed(0)} s, equal after kept writes: ${verify.differences.length === 0 ? 'yes' : 'NO'}${onPg ? `; copy to PostgreSQL ${(onPg.copyMs / 1000).toFixed(0)} s, a rebuild there in ${(onPg.rebuildMs / 1000).toFixed(0)} s finds ${onPg.differences} differences with its counts` : ''}`
	);
} finally {
	await db.destroy();
	if (process.env.BENCH_KEEP !== '1') fs.rmSync(dir, { recursive: true, force: true });
}
