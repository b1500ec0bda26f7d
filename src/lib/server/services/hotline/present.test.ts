import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OrderColumnKey } from '$lib/domain/hotline-order-input';
import type { HotlineOrderRow } from '../../db/schema';
import { loadCalendar } from '../../repositories/calendar';
import { getOrderDetail } from '../../repositories/hotline-orders';
import { iterateOrders, listOrders } from '../../repositories/hotline-order-lists';
import { orderValidationContext } from '../../repositories/hotline-reference';
import { actorOf, createTestDb, type TestDb } from '../../test-db';
import { ingestOrders } from './ingest';
import { validOrder } from './order-input.fixtures';
import { applyHotlineAction } from './order-actions';
import { presentOrder } from './present';

const at = (s: string) => Date.parse(`${s.replace(' ', 'T')}:00+08:00`);
const NOW = at('2026-09-29 10:00');

let t: TestDb;
let assigned: HotlineOrderRow; // assigned to 城管中队
let unassigned: HotlineOrderRow;
let landline: HotlineOrderRow; // assigned to 城管中队, landline phone
let anonymous: HotlineOrderRow; // no name, no phone

const row = (id: number) =>
	t.db.selectFrom('hotline_orders').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

beforeAll(async () => {
	t = await createTestDb();
	const ctx = await orderValidationContext(t.db, NOW);
	const calendar = await loadCalendar(t.db);
	// No name or phone unless given: what the masking below is about.
	const make = (orderNo: string, raw: Partial<Record<OrderColumnKey, string>>) =>
		validOrder(ctx, orderNo, {
			citizenName: '',
			phone: '',
			address: '古美路',
			content: '噪音',
			receivedAt: '2026-09-28 09:00',
			...raw
		});
	const res = await ingestOrders(
		t.db,
		[
			make('PR-1', { citizenName: '欧阳娜娜', phone: '+86 138 1234 5678' }),
			make('PR-2', { citizenName: '张三', phone: '13912345678' }),
			make('PR-3', { citizenName: '李四', phone: '021-64001234' }),
			make('PR-4', {})
		],
		{ origin: 'manual', importId: null, actorId: null, apiKeyId: null, now: NOW, calendar }
	);
	const [a, u, l, n] = res.created.map((c) => c.id);
	const chengguan = (
		await t.db.selectFrom('departments').select('id').where('name', '=', '城管中队').executeTakeFirstOrThrow()
	).id;
	const diaodu = await actorOf(t.db, 'diaodu');
	for (const id of [a, l, n]) {
		const r = await applyHotlineAction(t.db, diaodu, id, 1, { action: 'assign', departmentId: chengguan }, [], NOW);
		if (!r.ok) throw new Error(JSON.stringify(r));
	}
	[assigned, unassigned, landline, anonymous] = await Promise.all([row(a), row(u), row(l), row(n)]);
});
afterAll(async () => {
	await t.cleanup();
});

const as = async (username: string, r: HotlineOrderRow) => presentOrder(r, await actorOf(t.db, username));

describe('presentOrder', () => {
	it('stored in full: normalised phone, real name', () => {
		expect(assigned).toMatchObject({ citizen_name: '欧阳娜娜', phone: '13812345678' });
	});

	it.each(['diaodu', 'chengguan'])(
		'%s (dispatcher / the assigned department’s handler) sees name and phone',
		async (username) => {
			const { fingerprint: _f, ...visible } = assigned;
			expect(await as(username, assigned)).toEqual({ ...visible, personalDataMasked: false });
			expect(await as(username, landline)).toMatchObject({
				citizen_name: '李四',
				phone: '021-64001234',
				personalDataMasked: false
			});
		}
	);

	it.each(['lingdao', 'admin', 'shirong', 'fangban', 'wangge', 'zhifa'])(
		'%s gets name and phone masked',
		async (username) => {
			const { fingerprint: _f, ...visible } = assigned;
			expect(await as(username, assigned)).toEqual({
				...visible,
				citizen_name: '欧***',
				phone: '138****5678',
				personalDataMasked: true
			});
			expect(await as(username, landline)).toMatchObject({
				citizen_name: '李*',
				phone: '021-****1234',
				personalDataMasked: true
			});
		}
	);

	it('a handler does not see the personal data of an order not (yet) assigned to their department; the dispatcher does', async () => {
		expect(await as('chengguan', unassigned)).toMatchObject({
			citizen_name: '张*',
			phone: '139****5678',
			personalDataMasked: true
		});
		expect(await as('diaodu', unassigned)).toMatchObject({
			citizen_name: '张三',
			phone: '13912345678',
			personalDataMasked: false
		});
	});

	it('absent name and phone stay absent (null), still flagged as masked', async () => {
		expect(await as('lingdao', anonymous)).toMatchObject({ citizen_name: null, phone: null, personalDataMasked: true });
		expect(await as('chengguan', anonymous)).toMatchObject({
			citizen_name: null,
			phone: null,
			personalDataMasked: false
		});
	});

	it('does not change the row it was given, and keeps every other field but the fingerprint', async () => {
		const copy = structuredClone(assigned);
		const shown = await as('lingdao', assigned);
		expect(assigned).toEqual(copy);
		const { citizen_name: _n, phone: _p, personalDataMasked: _m, ...rest } = shown;
		const { citizen_name: _n2, phone: _p2, fingerprint: _f, ...restOriginal } = assigned;
		expect(rest).toEqual(restOriginal);
	});

	it('never passes the import fingerprint on (a hash now, but nobody needs it)', async () => {
		expect(assigned.fingerprint).not.toContain('欧阳娜娜');
		for (const username of ['lingdao', 'shirong', 'diaodu', 'chengguan'])
			expect(await as(username, assigned)).not.toHaveProperty('fingerprint');
	});

	it('the rows the list, order page and export queries return leak neither name nor phone', async () => {
		const lingdao = await actorOf(t.db, 'lingdao');
		const list = await listOrders(t.db, lingdao, { queue: 'all' }, NOW);
		expect(list.rows).toHaveLength(4);
		const detail = (await getOrderDetail(t.db, assigned.id))!;
		const exported = [];
		for await (const r of iterateOrders(t.db, lingdao, { queue: 'all' }, NOW)) exported.push(r);
		const shown = JSON.stringify([...list.rows, detail, ...exported].map((r) => presentOrder(r, lingdao)));
		for (const secret of ['欧阳娜娜', '13812345678', '张三', '13912345678', '李四', '64001234'])
			expect(shown).not.toContain(secret);
	});
});
