// npm run bench — the reads over open 12345 orders once imports have brought many (issue 14 §4: a large
// import must not freeze the centre afterwards either). BENCH_OPEN_ORDERS (300,000: three 100,000-order
// files) open orders straight into a fresh SQLite file, then, BENCH_OPEN_RUNS (7) times each, medians:
// the work counts every signed-in page shows, the desk's task list, the overdue list's first page and
// the part of this month's rates that time can still change. Baseline in the same run: the same
// database with migration 023 taken down (the (status, due_at) index it replaced), and the task list
// as it was read before (every open order joined, then sorted). Reports, never fails.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Kysely } from 'kysely';
import { fmtRate, median, table } from './measure';

const ORDERS = Number(process.env.BENCH_OPEN_ORDERS ?? 300_000);
const RUNS = Number(process.env.BENCH_OPEN_RUNS ?? 7);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gridcase-open-orders-'));

const { createDatabase, sqliteHandle } = await import('../src/lib/server/db/create-database');
const { migrateToLatest } = await import('../src/lib/server/db/migrate');
const m023 = await import('../migrations/2026-12-07-023-open-order-index');
const { loadReferenceData } = await import('../src/lib/server/repositories/reference-data');
const { seedDemoUsers } = await import('../seeds/demo-users');
const { orderParams, ORDER_COLS } = await import('./fill');
const lists = await import('../src/lib/server/repositories/hotline-order-lists');
const { statRowsAwaitingClock } = await import('../src/lib/server/repositories/stat-rows');
const { spanOf } = await import('../src/lib/server/repositories/stat-span');
const { shanghaiDate } = await import('../src/lib/domain/working-days');
const { OPEN_HOTLINE_STATUSES } = await import('../src/lib/domain/hotline-status');

const now = Date.now();
const db = createDatabase(path.join(dir, 'gridcase.db'));
await migrateToLatest(db);
await loadReferenceData(db);
await seedDemoUsers(db, now);
const sqlite = sqliteHandle(db)!;
const insert = sqlite.prepare(
	`INSERT INTO hotline_orders (${ORDER_COLS.join(', ')}) VALUES (${ORDER_COLS.map(() => '?').join(', ')})`
);
let t0 = performance.now();
// The raw rows number their 居民区 by first appearance (fill.ts): not checked against the table here.
sqlite.pragma('foreign_keys = OFF');
sqlite.transaction(() => {
	for (const p of orderParams(ORDERS, now)) insert.run(p);
})();
sqlite.pragma('foreign_keys = ON');
console.log(`${ORDERS.toLocaleString('en')} open orders written in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

const { dispatcher } = await import('../src/lib/domain/access/test-actors');
const today = shanghaiDate(now);
const month = spanOf(`${today.slice(0, 7)}-01`, today);
const reads: [string, () => Promise<unknown>][] = [
	['work counts (every page)', () => lists.countOrdersByStatus(db, dispatcher, OPEN_HOTLINE_STATUSES, now)],
	['task list (desk)', () => lists.listOrdersWaiting(db, ['received', 'assigned', 'handling', 'redo'], null)],
	['overdue list, page 1', () => lists.listOrders(db, dispatcher, { queue: 'overdue' }, now)],
	["this month's rates, still open", () => statRowsAwaitingClock(db, month, now)]
];
/** The task list as read before: every open order joined with its 居民区 and category, then sorted. */
const joinedFirst = () =>
	db
		.selectFrom('hotline_orders')
		.leftJoin('communities', 'communities.id', 'hotline_orders.community_id')
		.leftJoin('categories', 'categories.code', 'hotline_orders.category_code')
		.select(['hotline_orders.id', 'hotline_orders.address', 'communities.name', 'categories.minor'])
		.where('hotline_orders.status', 'in', ['received', 'assigned', 'handling', 'redo'])
		.orderBy((eb) => eb.case().when('hotline_orders.due_at', 'is', null).then(1).else(0).end())
		.orderBy('hotline_orders.due_at', 'asc')
		.orderBy('hotline_orders.id', 'asc')
		.limit(200)
		.execute();

async function timed(read: () => Promise<unknown>): Promise<number> {
	await read(); // warm: statements prepared, pages in the OS cache
	const ms: number[] = [];
	for (let i = 0; i < RUNS; i++) {
		t0 = performance.now();
		await read();
		ms.push(performance.now() - t0);
	}
	return median(ms);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const anyDb = db as unknown as Kysely<any>;
await m023.down(anyDb);
const beforeMs: number[] = [];
for (const [, read] of reads) beforeMs.push(await timed(read));
const joinedFirstMs = await timed(joinedFirst);
await m023.up(anyDb);
const afterMs: number[] = [];
for (const [, read] of reads) afterMs.push(await timed(read));
await db.destroy();
fs.rmSync(dir, { recursive: true, force: true });

const row = (name: string, before: number, now: number) => [
	name,
	`${before.toFixed(1)} ms`,
	`${now.toFixed(1)} ms`,
	`${(before / now).toFixed(1)}×`
];
const rows = reads.map(([name], i) => row(name, beforeMs[i], afterMs[i]));
rows.push(row('task list: all joined, then sorted (before) / page ids first (now)', joinedFirstMs, afterMs[1]));
console.log(
	`\nReads over ${fmtRate(ORDERS)} open 12345 orders, medians of ${RUNS} (app's thread, SQLite); before = migration 023 down`
);
console.log(table([['read', 'before', 'now', 'faster'], ...rows]));
