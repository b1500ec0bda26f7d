import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoUsers } from '../../../../seeds/demo-users';
import { validateOrderRecord } from '$lib/domain/hotline-order-input';
import { migrateToLatest } from '../db/migrate';
import { pgTestDatabase, type PgTestDb } from '../db/pg-test-db';
import { verifyChains } from '../services/records/verify-chains';
import { orderFingerprint } from '../services/hotline/fingerprint';
import { newOrderRow } from '../services/hotline/order-rows';
import { unitOfWork } from '../services/unit-of-work';
import { loadCalendar } from './calendar';
import { orderValidationContext } from './hotline-reference';
import { loadReferenceData } from './reference-data';

// insertOrders on PostgreSQL: rows that do not all give the same columns cannot go as one set of
// arrays; they go as VALUES, in sets small enough for PostgreSQL's limit of bound parameters.
const NOW = Date.parse('2026-10-09T10:00:00+08:00');

let t: PgTestDb;
beforeAll(async () => {
	t = await pgTestDatabase();
	await migrateToLatest(t.db);
	await loadReferenceData(t.db);
	await seedDemoUsers(t.db, NOW - 86_400_000);
}, 60_000);
afterAll(async () => {
	await t?.cleanup();
});

describe('insertOrders on PostgreSQL', () => {
	it('3,000 rows (78,000 values, past the 65,535 parameters of one statement), one of them leaving a column to its default: each order once, with its first event', async () => {
		const ctx = await orderValidationContext(t.db, NOW);
		const orders = Array.from({ length: 3000 }, (_, i) => {
			const v = validateOrderRecord(
				{
					orderNo: `MIXED-${String(i).padStart(4, '0')}`,
					channel: '12345热线',
					orderType: '投诉',
					address: '古美路 1000 弄',
					content: '楼道堆物',
					receivedAt: '2026-09-28 09:15'
				},
				ctx
			);
			if (!v.ok) throw new Error(JSON.stringify(v.errors));
			return v.order;
		});
		const ingest = { origin: 'api' as const, importId: null, actorId: null, apiKeyId: null, now: NOW };
		const from = { ...ingest, calendar: await loadCalendar(t.db) };
		const rows = orders.map((o) => newOrderRow(o, orderFingerprint(o), from, new Map()));
		delete rows[1500].warn_at;
		const receive = { at: NOW, actor_id: null, api_key_id: null, payload: '{}' };
		const inserted = await unitOfWork(t.db, (w) => w.createOrders(rows, receive));
		expect(inserted.map((r) => r.order_no)).toEqual(rows.map((r) => r.order_no));
		const events = await t.db
			.selectFrom('hotline_events')
			.select(({ fn }) => fn.countAll<number>().as('n'))
			.where(
				'order_id',
				'in',
				inserted.map((r) => r.id)
			)
			.executeTakeFirstOrThrow();
		expect(events.n).toBe(3000);
		const left = await t.db
			.selectFrom('hotline_orders')
			.select('warn_at')
			.where('order_no', '=', rows[1500].order_no)
			.executeTakeFirstOrThrow();
		expect(left.warn_at).toBeNull();
		expect((await verifyChains(t.db, ['hotline_events'])).problems).toEqual([]);
	});
});
