// npm run bench — the yearly statistics over a Shanghai-scale year (issue 5): 9,000,000 grid cases
// with their events (plus 12345 orders) in one database file. The full year's figures, grouped by
// month and by 片区, from the kept counts against a plain GROUP BY over the rows computing the same
// numbers; both results are compared to the case. The counts are first rebuilt from the records by
// the same code as `npm run stats:rebuild`, then moved by 1,000 case writes and verified equal to a
// second rebuild. A benchmark reports, it does not fail (exit code 0).
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
const { commitStats, statSnapshot } = await import('../src/lib/server/services/stats/counting');
const { spanOf } = await import('../src/lib/server/repositories/stats');
const { fillYear } = await import('./year-fill');
const { plainGroupBy } = await import('./stats-sql');

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

	// Kept by writes: close 1,000 of the open cases the way the services do (snapshot, write, commit).
	const open = await db
		.selectFrom('cases')
		.select(['id', 'deadline_at'])
		.where('status', '=', 'handling')
		.limit(1_000)
		.execute();
	t = performance.now();
	for (const c of open) {
		await db.transaction().execute(async (trx) => {
			const snap = await statSnapshot(trx, 'case', [c.id]);
			const at = c.deadline_at! - 3_600_000;
			await trx
				.updateTable('cases')
				.set({ status: 'closed', feedback_at: at, closed_at: at + 60_000, updated_at: now })
				.where('id', '=', c.id)
				.execute();
			await commitStats(trx, snap);
		});
	}
	const writesMs = performance.now() - t;
	t = performance.now();
	const verify = await rebuildCounts(db, { write: false });
	say(
		`${open.length} case closings kept in the counts (${(writesMs / open.length).toFixed(2)} ms each); a second rebuild in ${((performance.now() - t) / 1000).toFixed(1)} s finds ${verify.differences.length} differences`
	);

	const from = `${YEAR}-01-01`;
	const to = `${YEAR}-12-31`;
	const plainMs: number[] = [];
	const countsMs: number[] = [];
	for (let run = 0; run < RUNS; run++) {
		t = performance.now();
		const plain = plainGroupBy(sqlite, from, to, spanOf(from, to), now);
		plainMs.push(performance.now() - t);
		t = performance.now();
		const kept = {
			month: await statsFromCounts(db, from, to, 'month', now),
			area: await statsFromCounts(db, from, to, 'area', now)
		};
		countsMs.push(performance.now() - t);
		if (run === 0) {
			deepStrictEqual(kept, plain);
			const r = kept.month.total.rates;
			say(
				`both agree to the case: grid 按时办结 ${r.grid_on_time.numerator}/${r.grid_on_time.denominator}, 高效处置 ${r.grid_efficient.numerator}/${r.grid_efficient.denominator}, 先行联系 ${r.first_contact.numerator}/${r.first_contact.denominator}, 12345 按时办结 ${r.hotline_on_time.numerator}/${r.hotline_on_time.denominator}; reported ${kept.month.total.volumes.reported.toLocaleString('en')}; ${kept.month.groups.length} months, ${kept.area.groups.length} 片区`
			);
		}
		say(`run ${run + 1}: plain GROUP BY ${plainMs[run].toFixed(0)} ms, kept counts ${countsMs[run].toFixed(1)} ms`);
	}
	const p = median(plainMs);
	const c = median(countsMs);
	console.log(
		`\nmachine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, Node ${process.version}; ${YEAR}, ${CASES.toLocaleString('en')} cases + ${ORDERS.toLocaleString('en')} orders; medians of ${RUNS} runs`
	);
	console.log(
		table([
			['full year, by month and by 片区', 'median ms', 'vs plain'],
			['plain GROUP BY over the rows', p.toFixed(0), '1.0×'],
			['kept counts (+ live part)', c.toFixed(1), `${(p / c).toFixed(0)}× faster`]
		])
	);
	console.log(
		`targets: ≤ 100 ms ${c <= 100 ? 'met' : 'MISSED'}; ≥ 10× faster ${p / c >= 10 ? 'met' : 'MISSED'}; rebuild from the records ${(rebuildMs / 1000).toFixed(0)} s, equal after kept writes: ${verify.differences.length === 0 ? 'yes' : 'NO'}`
	);
} finally {
	await db.destroy();
	if (process.env.BENCH_KEEP !== '1') fs.rmSync(dir, { recursive: true, force: true });
}
