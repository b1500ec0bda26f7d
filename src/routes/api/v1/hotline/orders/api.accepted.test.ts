import { describe, expect, it } from 'vitest';
import { NAME, PHONE, order, push, stored, counts, useHotlineOrdersApi } from './api.fixtures';

// POST /api/v1/hotline/orders, what it takes in: new orders, repeats and changes, cleaned text, concurrent pushes.
// What it refuses: api.refused.test.ts; shared set-up: api.fixtures.ts.

const api = useHotlineOrdersApi();

describe('POST /api/v1/hotline/orders: orders taken in', () => {
	it('a valid key with one order → 200 created; stored with its receive event, attributed to the key', async () => {
		const r = await push(order('API-1'));
		expect(r.status).toBe(200);
		expect(r.json).toEqual({ created: ['API-1'], unchanged: [], changed: [] });
		const [row] = await stored('API-1');
		expect(row).toMatchObject({
			order_no: 'API-1',
			origin: 'api',
			status: 'received',
			citizen_name: NAME,
			phone: PHONE,
			urgency: '紧急',
			lng: 121.3912,
			lat: 31.1523
		});
		const events = await api.db.selectFrom('hotline_events').selectAll().where('order_id', '=', row.id).execute();
		expect(events).toMatchObject([
			{ action: 'receive', actor_id: null, api_key_id: api.apiKeyId, to_status: 'received' }
		]);
		const k = await api.db
			.selectFrom('api_keys')
			.select('last_used_at')
			.where('id', '=', api.apiKeyId)
			.executeTakeFirstOrThrow();
		expect(k.last_used_at).not.toBeNull();
	});

	it('the same push again → 200 unchanged, nothing duplicated', async () => {
		const before = await counts();
		const r = await push(order('API-1'));
		expect(r.status).toBe(200);
		expect(r.json).toEqual({ created: [], unchanged: ['API-1'], changed: [] });
		expect(await counts()).toEqual(before);
	});

	it('the same 工单号 with other content → reported as changed, not overwritten', async () => {
		const [before] = await stored('API-1');
		const r = await push({ orders: [order('API-1', { content: '内容已更新' }), order('API-2')] });
		expect(r.status).toBe(200);
		expect(r.json).toMatchObject({ created: ['API-2'], unchanged: [], changed: ['API-1'] });
		expect(r.json.note).toEqual(expect.any(String));
		expect((await stored('API-1'))[0]).toEqual(before);
	});

	it('a point outside the subdistrict → 422 outside_subdistrict; control characters are removed', async () => {
		const outside = await push(order('GEO-1', { lng: 121.4903, lat: 31.2397 }));
		expect(outside.status).toBe(422);
		expect(outside.json).toMatchObject({
			error: { orders: [{ errors: [{ field: 'lng', code: 'outside_subdistrict' }] }] }
		});
		const clean = await push(order('GEO-2\u0000', { content: '楼道\u202E堆物\u001b' }));
		expect(clean.json).toMatchObject({ created: ['GEO-2'] });
		const row = await api.db
			.selectFrom('hotline_orders')
			.select('content')
			.where('order_no', '=', 'GEO-2')
			.executeTakeFirstOrThrow();
		expect(row.content).toBe('楼道堆物');
	});

	it('two concurrent identical pushes → exactly one order and one receive event', async () => {
		const before = await counts();
		const body = { orders: [order('CON-1'), order('CON-2')] };
		const [a, b] = await Promise.all([push(body), push(body)]);
		expect([a.status, b.status]).toEqual([200, 200]);
		const created = [...(a.json.created as string[]), ...(b.json.created as string[])].sort();
		const unchanged = [...(a.json.unchanged as string[]), ...(b.json.unchanged as string[])].sort();
		expect(created).toEqual(['CON-1', 'CON-2']);
		expect(unchanged).toEqual(['CON-1', 'CON-2']);
		expect(await stored('CON-')).toHaveLength(2);
		expect(await counts()).toEqual({ orders: before.orders + 2, events: before.events + 2 });
	});

	it('never answers with the citizen’s name or phone (checked on every response above, and here for a mixed batch)', async () => {
		const r = await push({ orders: [order('PD-1'), order('API-1', { citizenName: '张三丰' })] });
		expect(r.status).toBe(200);
		expect(r.text).not.toContain('张三丰');
	});
});
