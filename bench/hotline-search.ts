// npx tsx bench/hotline-search.ts — the 12345 list's search by caller and its 重复来电 filter, and
// an order's repeat list, over BENCH_ORDERS (100,000) orders in a temp database. Medians of 9 runs
// of each query as the repository runs it; reports, never fails.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';

const ORDERS = Number(process.env.BENCH_ORDERS ?? 100_000);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gridcase-search-bench-'));
process.env.DATABASE_PATH = path.join(dir, 'gridcase.db');
process.env.PHOTO_DIR = path.join(dir, 'photos');

const { createDatabase } = await import('../src/lib/server/db/create-database');
const { migrateToLatest } = await import('../src/lib/server/db/migrate');
const { loadReferenceData } = await import('../src/lib/server/repositories/reference-data');
const { seedDemoUsers } = await import('../seeds/demo-users');
const { validateOrderRecord } = await import('../src/lib/domain/hotline-order-input');
const { orderValidationContext } = await import('../src/lib/server/repositories/hotline-reference');
const { loadCalendar } = await import('../src/lib/server/repositories/calendar');
const { ingestOrders } = await import('../src/lib/server/services/hotline/ingest');
const { listOrders } = await import('../src/lib/server/repositories/hotline-orders');
const { listRepeatOrders } = await import('../src/lib/server/repositories/hotline-repeats');
const { actorOf } = await import('../src/lib/server/test-db');

const db = createDatabase(process.env.DATABASE_PATH);
try {
	await migrateToLatest(db);
	await loadReferenceData(db);
	await seedDemoUsers(db, Date.now());
	const now = Date.now();
	const ctx = await orderValidationContext(db, now);
	const r = validateOrderRecord(
		{
			orderNo: 'B-0',
			channel: '12345热线',
			orderType: '投诉',
			citizenName: '张三',
			phone: '13800000000',
			address: '古美路1号',
			content: '噪音',
			receivedAt: '2026-01-05 09:00'
		},
		ctx
	);
	if (!r.ok) throw new Error('template order invalid');
	await ingestOrders(db, [r.order], {
		origin: 'manual',
		importId: null,
		actorId: null,
		apiKeyId: null,
		now,
		calendar: await loadCalendar(db)
	});
	// Copies of the template: 3 years of orders, one caller in ten rings again, addresses on 20,000 house numbers (one in five again within 90 days).
	const started = Date.now();
	await sql`
		WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${ORDERS - 1})
		INSERT INTO hotline_orders (order_no, channel, order_type, urgency, citizen_name, phone, has_phone, address, lng, lat, content, received_at, category_code, community_id, area_id, status, resume_status, limit_value, limit_unit, department_id, deadline_at, due_at, warn_at, fingerprint, origin, import_id, version, created_at, updated_at)
		SELECT 'B-' || i, channel, order_type, urgency, '市民' || (i % 9000), '139' || printf('%08d', CASE WHEN i % 10 = 0 THEN i % 5000 ELSE i END), has_phone, '古美路' || (i % 20000) || '号', lng, lat, content,
			received_at - (i * 947000), category_code, community_id, area_id, status, resume_status, limit_value, limit_unit, department_id, deadline_at, due_at, warn_at, fingerprint || i, origin, import_id, version, created_at, updated_at
		FROM hotline_orders, n WHERE hotline_orders.order_no = 'B-0'`.execute(db);
	await sql`ANALYZE`.execute(db);
	console.log(`${ORDERS.toLocaleString('en')} orders written in ${((Date.now() - started) / 1000).toFixed(1)} s`);

	const dispatcher = await actorOf(db, 'diaodu');
	const leader = await actorOf(db, 'lingdao');
	const time = async (label: string, fn: () => Promise<unknown>) => {
		const ms: number[] = [];
		let out: unknown;
		for (let k = 0; k < 9; k++) {
			const t0 = performance.now();
			out = await fn();
			ms.push(performance.now() - t0);
		}
		ms.sort((a, b) => a - b);
		const total = (out as { total?: number; rows?: unknown[] }).total ?? (out as { rows: unknown[] }).rows.length;
		console.log(`${label.padEnd(58)} ${ms[4].toFixed(1).padStart(7)} ms   (${total} found)`);
	};
	const list = (actor: typeof dispatcher, f: { q?: string; repeat?: boolean }) => () =>
		listOrders(db, actor, { queue: 'all', ...f }, now);
	await time('list, no filter (page 1 + total)', list(dispatcher, {}));
	await time('dispatcher q=full phone', list(dispatcher, { q: '13900001000' }));
	await time('dispatcher q=name', list(dispatcher, { q: '市民42' }));
	await time('dispatcher q=address text (LIKE, as before)', list(dispatcher, { q: '古美路42号' }));
	await time('leader q=full phone (order numbers only)', list(leader, { q: '13900001000' }));
	await time('repeat=1 (page 1 + total)', list(dispatcher, { repeat: true }));
	await time('repeat=1 and q=full phone', list(dispatcher, { q: '13900001000', repeat: true }));
	const order = await db
		.selectFrom('hotline_orders')
		.selectAll()
		.where('order_no', '=', 'B-1000')
		.executeTakeFirstOrThrow();
	await time("an order's repeat list (same caller / same address, 90 days)", () => listRepeatOrders(db, order, null));
} finally {
	await db.destroy();
	fs.rmSync(dir, { recursive: true, force: true });
}
