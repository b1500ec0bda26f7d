import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateOrderRecord, type OrderColumnKey } from '$lib/domain/hotline-order-input';
import { loadCalendar } from './calendar';
import { iterateOrders, listOrders } from './hotline-order-lists';
import { orderValidationContext } from './hotline-reference';
import { isRepeatCall, listRepeatOrders } from './hotline-repeats';
import { isPostgres } from '../db/postgres';
import { actorOf, createTestDb, type TestDb } from '../test-db';
import { queryPlan } from '../test-dialect.fixtures';
import { ingestOrders } from '../services/hotline/ingest';
import { applyHotlineAction } from '../services/hotline/order-actions';

const at = (s: string) => Date.parse(`${s.replace(' ', 'T')}:00+08:00`);
const NOW = at('2026-09-29 10:00');
let t: TestDb;
const ids = new Map<string, number>();

// 孙女士 rang three times about the same stall (the third 100 days after the first); 张三 once, at
// the address of her second call; an anonymous caller once, elsewhere. Orders R1–R3 and R5 go to 城管中队.
beforeAll(async () => {
	t = await createTestDb();
	const ctx = await orderValidationContext(t.db, NOW);
	const make = (orderNo: string, receivedAt: string, raw: Partial<Record<OrderColumnKey, string>>) => {
		const r = validateOrderRecord(
			{ orderNo, channel: '12345热线', orderType: '投诉', content: '占道经营噪音', receivedAt, ...raw },
			ctx
		);
		if (!r.ok) throw new Error(JSON.stringify(r.errors));
		return r.order;
	};
	const sun = { citizenName: '孙女士', phone: '139 1688 0001' };
	const res = await ingestOrders(
		t.db,
		[
			make('R1', '2026-06-10 09:00', { ...sun, address: '平阳路258弄12号' }),
			make('R2', '2026-09-01 09:00', { ...sun, address: '平阳路258弄' }),
			make('R3', '2026-09-18 09:00', { ...sun, address: '平阳路258弄12号' }),
			make('R4', '2026-09-20 09:00', { citizenName: '张三', phone: '13800138000', address: '平阳路258弄' }),
			make('R5', '2026-09-21 09:00', { address: '古美路1000弄' })
		],
		{ origin: 'manual', importId: null, actorId: null, apiKeyId: null, now: NOW, calendar: await loadCalendar(t.db) }
	);
	res.created.forEach((c, i) => ids.set(`R${i + 1}`, c.id));
	const chengguan = (
		await t.db.selectFrom('departments').select('id').where('name', '=', '城管中队').executeTakeFirstOrThrow()
	).id;
	const shirong = (
		await t.db.selectFrom('departments').select('id').where('name', '=', '市容所').executeTakeFirstOrThrow()
	).id;
	const diaodu = await actorOf(t.db, 'diaodu');
	for (const [no, dept] of [
		['R1', chengguan],
		['R2', chengguan],
		['R3', chengguan],
		['R4', shirong],
		['R5', chengguan]
	] as const) {
		const r = await applyHotlineAction(
			t.db,
			diaodu,
			ids.get(no)!,
			1,
			{ action: 'assign', departmentId: dept },
			[],
			NOW
		);
		if (!r.ok) throw new Error(JSON.stringify(r));
	}
});
afterAll(async () => {
	await t.cleanup();
});

const found = async (username: string, q: string, repeat = false) =>
	(await listOrders(t.db, await actorOf(t.db, username), { queue: 'all', q, repeat }, NOW)).rows
		.map((r) => r.order_no)
		.sort();

describe('search by the caller (who may, and that it does not leak)', () => {
	it('the dispatcher finds orders by full phone number in any spelling, and by name', async () => {
		expect(await found('diaodu', '13916880001')).toEqual(['R1', 'R2', 'R3']);
		expect(await found('diaodu', '+86 139-1688-0001')).toEqual(['R1', 'R2', 'R3']);
		expect(await found('diaodu', '张三')).toEqual(['R4']);
		expect(await found('diaodu', '孙女士')).toEqual(['R1', 'R2', 'R3']);
	});

	it('a handler finds them among their department’s orders only', async () => {
		expect(await found('chengguan', '13916880001')).toEqual(['R1', 'R2', 'R3']);
		expect(await found('chengguan', '张三')).toEqual([]); // R4 belongs to 市容所
		expect(await found('shirong', '张三')).toEqual(['R4']);
	});

	it('a leader or admin finds nothing by phone or name, though they see the orders', async () => {
		for (const who of ['lingdao', 'admin']) {
			expect(await found(who, '13916880001')).toEqual([]);
			expect(await found(who, '孙女士')).toEqual([]);
			expect(await found(who, '张三')).toEqual([]);
			expect(await found(who, '平阳路')).toEqual(['R1', 'R2', 'R3', 'R4']); // address and order number still work
			expect(await found(who, 'R5')).toEqual(['R5']);
		}
	});

	it('a partial number never matches a phone, for anyone', async () => {
		expect(await found('diaodu', '1391688')).toEqual([]);
		expect(await found('lingdao', '1391688')).toEqual([]);
	});

	it('the export follows the same rules', async () => {
		const leader = await actorOf(t.db, 'lingdao');
		const rows: string[] = [];
		for await (const r of iterateOrders(t.db, leader, { queue: 'all', q: '13916880001' }, NOW)) rows.push(r.order_no);
		expect(rows).toEqual([]);
		const dispatcher = await actorOf(t.db, 'diaodu');
		for await (const r of iterateOrders(t.db, dispatcher, { queue: 'all', q: '13916880001' }, NOW))
			rows.push(r.order_no);
		expect(rows).toEqual(['R1', 'R2', 'R3']);
	});
});

describe('重复来电', () => {
	it('repeat=1 lists the orders with an earlier one from the same phone or address within 90 days', async () => {
		// R1: first call. R2: R1 was 83 days before. R3: R2 (same caller). R4: R2 at the same address. R5: alone.
		expect(await found('diaodu', '', true)).toEqual(['R2', 'R3', 'R4']);
		expect(await found('lingdao', '', true)).toEqual(['R2', 'R3', 'R4']);
		expect(await found('chengguan', '', true)).toEqual(['R2', 'R3']);
		const flagged = (await listOrders(t.db, await actorOf(t.db, 'diaodu'), { queue: 'all' }, NOW)).rows
			.map((r) => [r.order_no, r.is_repeat])
			.sort();
		expect(flagged).toEqual([
			['R1', false],
			['R2', true],
			['R3', true],
			['R4', true],
			['R5', false]
		]);
	});

	it('an order shows the same caller’s and the same address’s other orders from 90 days before it on', async () => {
		const order = await t.db
			.selectFrom('hotline_orders')
			.selectAll()
			.where('id', '=', ids.get('R3')!)
			.executeTakeFirstOrThrow();
		const { rows, hidden } = await listRepeatOrders(t.db, order, null);
		// R1 is 100 days before R3: outside the window.
		expect(rows.map((r) => [r.order_no, r.sameCaller, r.sameAddress])).toEqual([['R2', true, false]]);
		expect(hidden).toBe(0);
		const r2 = await t.db
			.selectFrom('hotline_orders')
			.selectAll()
			.where('id', '=', ids.get('R2')!)
			.executeTakeFirstOrThrow();
		expect((await listRepeatOrders(t.db, r2, null)).rows.map((r) => [r.order_no, r.sameCaller, r.sameAddress])).toEqual(
			[
				['R4', false, true],
				['R3', true, false],
				['R1', true, false]
			]
		);
		// 城管中队's handler: R4 (市容所) is counted, not shown.
		const forHandler = await listRepeatOrders(t.db, r2, (await actorOf(t.db, 'chengguan')).departmentId);
		expect(forHandler.rows.map((r) => r.order_no)).toEqual(['R3', 'R1']);
		expect(forHandler.hidden).toBe(1);
	});

	it('reads indexes, never scans the orders for a caller, an address or a repeat', async () => {
		const plan = (q: string) => queryPlan(t.db, q);
		expect(await plan("SELECT id FROM hotline_orders WHERE phone = '13800138000' AND received_at >= 0")).toContain(
			'hotline_orders_phone_received_at'
		);
		expect(await plan("SELECT id FROM hotline_orders WHERE citizen_name = '张三'")).toContain(
			'hotline_orders_citizen_name'
		);
		expect(await plan("SELECT id FROM hotline_orders WHERE address = 'x' AND received_at >= 0")).toContain(
			'hotline_orders_address_received_at'
		);
		// The repeat filter: one pass over the orders in the list, each probing the two indexes.
		const q = t.db
			.selectFrom('hotline_orders')
			.select('id')
			.where((eb) => isRepeatCall(eb))
			.compile();
		const repeatPlan = await queryPlan(t.db, q);
		// SQLite words the probes as covering-index searches, PostgreSQL as index scans in the EXISTS subplans.
		const probe = isPostgres(t.db)
			? (index: string) => new RegExp(`Index (Only )?Scan using ${index} on hotline_orders p`)
			: (index: string) => new RegExp(`SEARCH p USING COVERING INDEX ${index}`);
		expect(repeatPlan).toMatch(probe('hotline_orders_phone_received_at'));
		expect(repeatPlan).toMatch(probe('hotline_orders_address_received_at'));
	});
});
