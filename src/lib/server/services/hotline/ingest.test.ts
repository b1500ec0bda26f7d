import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeDeadline } from '$lib/domain/deadlines';
import { type OrderColumnKey, type OrderInput, type OrderValidationContext } from '$lib/domain/hotline-order-input';
import { orderFingerprint } from './fingerprint';
import type { WorkCalendar } from '$lib/domain/working-days';
import { loadCalendar } from '../../repositories/calendar';
import { orderValidationContext } from '../../repositories/hotline-reference';
import { createTestDb, type TestDb } from '../../test-db';
import { sqliteHandle } from '../../db/create-database';
import { ingestOrders, type IngestContext } from './ingest';
import { validOrder } from './order-input.fixtures';

/** Asia/Shanghai wall time, explicit +08:00 so the process TZ never matters. */
const at = (s: string) => Date.parse(`${s.replace(' ', 'T')}:00+08:00`);
/** 24:00 of a Shanghai date: where an N wd deadline lands. */
const endOf = (date: string) => at(`${date} 00:00`) + 86_400_000;
const NOW = at('2026-10-09 10:00');

let t: TestDb;
let ctx: OrderValidationContext;
let calendar: WorkCalendar;
let dispatcherId: number;

beforeAll(async () => {
	t = await createTestDb();
	ctx = await orderValidationContext(t.db, NOW);
	calendar = await loadCalendar(t.db);
	dispatcherId = t.users.get('diaodu')!;
});
afterAll(async () => {
	await t.cleanup();
});

const order = (orderNo: string, raw: Partial<Record<OrderColumnKey, string>> = {}): OrderInput =>
	validOrder(ctx, orderNo, raw);

const ingestCtx = (over: Partial<IngestContext> = {}): IngestContext => ({
	origin: 'file',
	importId: null,
	actorId: dispatcherId,
	apiKeyId: null,
	now: NOW,
	calendar,
	...over
});
const ordersNamed = (prefix: string) =>
	t.db.selectFrom('hotline_orders').selectAll().where('order_no', 'like', `${prefix}%`).orderBy('order_no').execute();
const eventsOf = (ids: number[]) =>
	t.db.selectFrom('hotline_events').selectAll().where('order_id', 'in', ids).orderBy('id').execute();

describe('ingestOrders', () => {
	it('creates each order with its 办结 deadline on the official calendar, and one receive event each', async () => {
		const orders = [
			order('ING-A1', { orderType: '咨询', receivedAt: '2026-09-30 16:00' }), // 1 wd after the day of receipt; 10-01..10-07 are off
			order('ING-A2', { orderType: '投诉', receivedAt: '2026-09-24 10:00' }), // 5 wd over 中秋 (09-25 off)
			order('ING-A3', { orderType: '复杂事项', receivedAt: '2026-09-28 09:00', citizenName: '', phone: '' }) // 15 wd
		];
		const r = await t.db.transaction().execute((trx) => ingestOrders(trx, orders, ingestCtx()));
		expect(r.same).toEqual([]);
		expect(r.changed).toEqual([]);
		expect(r.created.map((c) => c.orderNo)).toEqual(['ING-A1', 'ING-A2', 'ING-A3']);

		const rows = await ordersNamed('ING-A');
		expect(rows).toHaveLength(3);
		for (const [i, row] of rows.entries()) {
			const o = orders[i];
			expect(row).toMatchObject({
				id: r.created[i].id,
				status: 'received',
				order_type: o.orderTypeCode,
				received_at: o.receivedAt,
				limit_value: o.orderLimit.value,
				limit_unit: 'wd',
				deadline_at: computeDeadline(o.receivedAt, o.orderLimit, calendar),
				due_at: computeDeadline(o.receivedAt, o.orderLimit, calendar),
				fingerprint: orderFingerprint(o),
				origin: 'file',
				version: 1,
				created_at: NOW
			});
			expect(row.warn_at).toBeGreaterThan(o.receivedAt);
			expect(row.warn_at).toBeLessThan(row.deadline_at);
		}
		// The calendar really counts: holidays and make-up days, not plain weekdays.
		expect(rows[0].deadline_at).toBe(endOf('2026-10-08'));
		expect(rows[1].deadline_at).toBe(endOf('2026-10-09')); // 09-25 中秋 and 10-01..07 off: 09-28, 29, 30, 10-08, 10-09
		expect(rows[2]).toMatchObject({ citizen_name: null, phone: null, has_phone: 0 });
		expect(rows[0]).toMatchObject({ citizen_name: '张三', phone: '13812345678', has_phone: 1 });

		const events = await eventsOf(r.created.map((c) => c.id));
		expect(events).toHaveLength(3);
		for (const [i, e] of events.entries()) {
			expect(e).toMatchObject({
				order_id: r.created[i].id,
				action: 'receive',
				from_status: null,
				to_status: 'received',
				at: NOW,
				actor_id: dispatcherId,
				api_key_id: null
			});
			expect(JSON.parse(e.payload!)).toEqual({ origin: 'file', importId: null });
		}
	});

	it('ingesting the same orders again: all same, nothing added', async () => {
		const orders = [order('ING-B1'), order('ING-B2', { orderType: '求助' })];
		await t.db.transaction().execute((trx) => ingestOrders(trx, orders, ingestCtx()));
		const before = await ordersNamed('ING-B');
		const eventsBefore = await eventsOf(before.map((o) => o.id));

		// Re-validated from the same raw data, a day later, by the API this time.
		const again = [order('ING-B1'), order('ING-B2', { orderType: '求助' })];
		const r = await t.db
			.transaction()
			.execute((trx) => ingestOrders(trx, again, ingestCtx({ origin: 'api', now: NOW + 86_400_000 })));
		expect(r).toEqual({ created: [], same: ['ING-B1', 'ING-B2'], changed: [] });
		expect(await ordersNamed('ING-B')).toEqual(before);
		expect(await eventsOf(before.map((o) => o.id))).toEqual(eventsBefore);
	});

	it('a changed order (same 工单号, other content) is reported as changed and the stored row is not overwritten', async () => {
		await t.db.transaction().execute((trx) => ingestOrders(trx, [order('ING-C1'), order('ING-C2')], ingestCtx()));
		const before = await ordersNamed('ING-C');

		const r = await t.db
			.transaction()
			.execute((trx) =>
				ingestOrders(
					trx,
					[order('ING-C1', { content: '楼道堆物，已堆到三楼' }), order('ING-C2'), order('ING-C3')],
					ingestCtx()
				)
			);
		expect(r.changed).toEqual(['ING-C1']);
		expect(r.same).toEqual(['ING-C2']);
		expect(r.created.map((c) => c.orderNo)).toEqual(['ING-C3']);
		const after = await ordersNamed('ING-C');
		expect(after.slice(0, 2)).toEqual(before);
		expect(after[0].content).toBe('楼道堆物');
	});

	it('one 工单号 twice in one call: the first is created, the second reported (same or changed)', async () => {
		const r = await t.db
			.transaction()
			.execute((trx) =>
				ingestOrders(trx, [order('ING-D1'), order('ING-D1'), order('ING-D1', { content: '另一内容' })], ingestCtx())
			);
		expect(r.created.map((c) => c.orderNo)).toEqual(['ING-D1']);
		expect(r.same).toEqual(['ING-D1']);
		expect(r.changed).toEqual(['ING-D1']);
		expect(await ordersNamed('ING-D')).toHaveLength(1);
	});

	it('more orders than one INSERT batch (400) are all created with their events', async () => {
		const orders = Array.from({ length: 1001 }, (_, i) => order(`ING-E${String(i).padStart(4, '0')}`));
		const r = await t.db.transaction().execute((trx) => ingestOrders(trx, orders, ingestCtx()));
		expect(r.created).toHaveLength(1001);
		const rows = await ordersNamed('ING-E');
		expect(rows).toHaveLength(1001);
		expect(await eventsOf(rows.map((o) => o.id))).toHaveLength(1001);
	});

	it('the bulk path (prepared statements on the SQLite handle) writes exactly what the Kysely path writes', async () => {
		const pick = (prefix: string) => async () =>
			(await ordersNamed(prefix)).map(({ id: _id, order_no, ...rest }) => ({
				...rest,
				order_no: order_no.slice(prefix.length)
			}));
		const make = (prefix: string) => [
			order(`${prefix}1`),
			order(`${prefix}2`, { phone: '', citizenName: '', orderType: '咨询' })
		];
		await t.db.transaction().execute((trx) => ingestOrders(trx, make('ING-K'), ingestCtx()));
		const bulk = await t.db
			.transaction()
			.execute((trx) => ingestOrders(trx, make('ING-S'), ingestCtx({ sqlite: sqliteHandle(t.db) })));
		expect(bulk.created.map((c) => c.orderNo)).toEqual(['ING-S1', 'ING-S2']);
		const kysely = await pick('ING-K')();
		const statements = await pick('ING-S')();
		expect(statements.map(({ fingerprint: _f, ...r }) => r)).toEqual(kysely.map(({ fingerprint: _f, ...r }) => r));
		const events = await eventsOf(bulk.created.map((c) => c.id));
		expect(events.map((e) => [e.order_id, e.action, e.to_status])).toEqual(
			bulk.created.map((c) => [c.id, 'receive', 'received'])
		);
	});

	it('two concurrent transactions ingesting the same order: exactly one row; the other reports it as same', async () => {
		const push = () =>
			t.db.transaction().execute((trx) => ingestOrders(trx, [order('ING-F1')], ingestCtx({ origin: 'api' })));
		const [a, b] = await Promise.all([push(), push()]);
		expect(a.created.length + b.created.length).toBe(1);
		expect([...a.same, ...b.same]).toEqual(['ING-F1']);
		expect([...a.changed, ...b.changed]).toEqual([]);
		const rows = await ordersNamed('ING-F');
		expect(rows).toHaveLength(1);
		expect(await eventsOf([rows[0].id])).toHaveLength(1);
	});

	it('a failure later in the transaction leaves none of the orders behind', async () => {
		await expect(
			t.db.transaction().execute(async (trx) => {
				await ingestOrders(trx, [order('ING-G1'), order('ING-G2')], ingestCtx());
				throw new Error('boom');
			})
		).rejects.toThrow('boom');
		expect(await ordersNamed('ING-G')).toEqual([]);
	});
});
