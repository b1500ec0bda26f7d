import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createApiKey, revokeApiKey } from '$lib/server/auth/api-keys';
import { createTestDb, type TestDb } from '$lib/server/test-db';

// The handler reads the database through getDb(), which opens DATABASE_PATH on first use: point it at
// the test database before the module is loaded (fresh module graph, so no connection is cached).
type Handler = (event: { request: Request }) => Promise<Response>;
let POST: Handler;
let t: TestDb;
let key: string;
let apiKeyId: number;
const savedDatabasePath = process.env.DATABASE_PATH;

beforeAll(async () => {
	t = await createTestDb();
	process.env.DATABASE_PATH = path.join(t.dir, 'gridcase.db');
	vi.resetModules();
	POST = (await import('./+server')).POST as unknown as Handler;
	const created = await createApiKey(t.db, '市12345平台', t.users.get('admin')!, Date.now());
	key = created.key;
	apiKeyId = created.id;
});
afterAll(async () => {
	const { getDb } = await import('$lib/server/db'); // the instance the handler used (same module graph)
	await getDb().destroy();
	if (savedDatabasePath === undefined) delete process.env.DATABASE_PATH;
	else process.env.DATABASE_PATH = savedDatabasePath;
	await t.cleanup();
});

/** 'YYYY-MM-DD HH:mm' in Asia/Shanghai, `hoursAgo` before the real clock (the handler validates against Date.now()). */
function shanghaiTime(hoursAgo: number): string {
	const d = new Date(Date.now() - hoursAgo * 3_600_000 + 8 * 3_600_000);
	return d.toISOString().slice(0, 16).replace('T', ' ');
}

const NAME = '欧阳娜娜';
const PHONE = '13812345678';
const order = (orderNo: string, over: Record<string, unknown> = {}) => ({
	orderNo,
	channel: '12345热线',
	orderType: '投诉',
	urgency: '紧急',
	citizenName: NAME,
	phone: `+86 ${PHONE.slice(0, 3)} ${PHONE.slice(3, 7)} ${PHONE.slice(7)}`,
	address: '古美路 1000 弄 3 号',
	lng: 121.3912,
	lat: 31.1523,
	content: '楼道堆物，影响消防通道',
	receivedAt: shanghaiTime(2),
	...over
});

async function push(
	body: unknown,
	authorization: string | null = `Bearer ${key}`
): Promise<{ status: number; text: string; json: Record<string, unknown> }> {
	const headers = new Headers({ 'content-type': 'application/json' });
	if (authorization !== null) headers.set('authorization', authorization);
	const request = new Request('http://localhost/api/v1/hotline/orders', {
		method: 'POST',
		headers,
		body: typeof body === 'string' ? body : JSON.stringify(body)
	});
	const res = await POST({ request });
	const text = await res.text();
	// The citizen's name and phone never come back, in any answer.
	expect(text).not.toContain(NAME);
	expect(text).not.toContain(PHONE);
	expect(text).not.toContain(PHONE.slice(3, 7));
	return { status: res.status, text, json: JSON.parse(text) };
}

const stored = (prefix: string) =>
	t.db.selectFrom('hotline_orders').selectAll().where('order_no', 'like', `${prefix}%`).orderBy('order_no').execute();
const counts = async () => ({
	orders: Number(
		(
			await t.db
				.selectFrom('hotline_orders')
				.select(({ fn }) => fn.countAll<number>().as('n'))
				.executeTakeFirstOrThrow()
		).n
	),
	events: Number(
		(
			await t.db
				.selectFrom('hotline_events')
				.select(({ fn }) => fn.countAll<number>().as('n'))
				.executeTakeFirstOrThrow()
		).n
	)
});

describe('POST /api/v1/hotline/orders: API keys', () => {
	it('no Authorization header → 401 api_key_missing, nothing written', async () => {
		const before = await counts();
		const r = await push(order('K-1'), null);
		expect(r.status).toBe(401);
		expect(r.json).toMatchObject({ error: { code: 'api_key_missing' } });
		expect(await counts()).toEqual(before);
	});

	it.each([
		['not a bearer token', (key) => `Basic ${key}`, 'api_key_missing'],
		['a malformed key', () => 'Bearer gck_short_key', 'api_key_invalid'],
		['a well-formed key that was never issued', () => `Bearer gck_aaaaaaaa_${'a'.repeat(32)}`, 'api_key_invalid'],
		[
			'the right prefix with a wrong secret',
			(k: string) => `Bearer ${k.slice(0, -1)}${k.endsWith('a') ? 'b' : 'a'}`,
			'api_key_invalid'
		]
	] as [string, (k: string) => string, string][])('%s → 401 %s', async (_label, auth, code) => {
		const before = await counts();
		const r = await push(order('K-2'), auth(key));
		expect(r.status).toBe(401);
		expect(r.json).toMatchObject({ error: { code } });
		expect(await counts()).toEqual(before);
	});

	it('a revoked key → 401 api_key_revoked', async () => {
		const revoked = await createApiKey(t.db, '旧对接', t.users.get('admin')!, Date.now());
		expect(await revokeApiKey(t.db, revoked.id, Date.now())).toBe(true);
		const before = await counts();
		const r = await push(order('K-3'), `Bearer ${revoked.key}`);
		expect(r.status).toBe(401);
		expect(r.json).toMatchObject({ error: { code: 'api_key_revoked' } });
		expect(await counts()).toEqual(before);
	});

	it('a camera-alerts key → 403 wrong_integration, nothing written', async () => {
		const alerts = await createApiKey(t.db, '视频平台', t.users.get('admin')!, Date.now(), 'alerts');
		expect(alerts.integration).toBe('alerts');
		const before = await counts();
		const r = await push(order('K-4'), `Bearer ${alerts.key}`);
		expect(r.status).toBe(403);
		expect(r.json).toMatchObject({ error: { code: 'wrong_integration' } });
		expect(await counts()).toEqual(before);
		expect(await stored('K-4')).toEqual([]);
	});
});

describe('POST /api/v1/hotline/orders: orders', () => {
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
		const events = await t.db.selectFrom('hotline_events').selectAll().where('order_id', '=', row.id).execute();
		expect(events).toMatchObject([{ action: 'receive', actor_id: null, api_key_id: apiKeyId, to_status: 'received' }]);
		const k = await t.db
			.selectFrom('api_keys')
			.select('last_used_at')
			.where('id', '=', apiKeyId)
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

	it('a batch with one invalid order → 422 with per-order errors, and NOTHING written', async () => {
		const before = await counts();
		const r = await push({
			orders: [
				order('BAD-1'),
				order('BAD-2', { phone: '12345', orderType: '表扬' }),
				order('BAD-3'),
				order('BAD-1') // the same 工单号 twice in one request
			]
		});
		expect(r.status).toBe(422);
		expect(r.json).toEqual({
			error: {
				code: 'invalid_orders',
				message: expect.any(String),
				orders: [
					{
						index: 1,
						orderNo: 'BAD-2',
						errors: [
							{ field: 'orderType', code: 'unknown_order_type' },
							{ field: 'phone', code: 'invalid_phone' }
						]
					},
					{ index: 3, orderNo: 'BAD-1', errors: [{ field: 'orderNo', code: 'duplicate_in_request' }] }
				]
			}
		});
		expect(await counts()).toEqual(before);
		expect(await stored('BAD-')).toEqual([]);
	});

	it('impossible and future dates are refused per order', async () => {
		const r = await push({
			orders: [order('DATE-1', { receivedAt: '2026-02-30 10:00' }), order('DATE-2', { receivedAt: shanghaiTime(-24) })]
		});
		expect(r.status).toBe(422);
		expect(r.json).toMatchObject({
			error: {
				orders: [
					{ index: 0, errors: [{ field: 'receivedAt', code: 'invalid_date' }] },
					{ index: 1, errors: [{ field: 'receivedAt', code: 'in_future' }] }
				]
			}
		});
	});

	it('a body that is not JSON → 400; an empty batch → 400', async () => {
		expect((await push('{"orders": [')).json).toMatchObject({ error: { code: 'invalid_json' } });
		const empty = await push({ orders: [] });
		expect(empty.status).toBe(400);
		expect(empty.json).toMatchObject({ error: { code: 'batch_size' } });
	});

	it('a wrongly typed field → 400 naming it (a phone sent as an array is not dropped), and nothing written', async () => {
		const before = await counts();
		const r = await push({ orders: [order('TYPE-1'), order('TYPE-2', { phone: ['13812345678'], urgency: true })] });
		expect(r.status).toBe(400);
		expect(r.json).toMatchObject({
			error: { code: 'invalid_type', orders: [{ index: 1, fields: ['urgency', 'phone'] }] }
		});
		expect((r.json.error as { message: string }).message).toContain('phone');
		expect((await push([order('TYPE-3')])).json).toMatchObject({
			error: { code: 'invalid_type', orders: [{ index: 0, fields: ['(order)'] }] }
		});
		expect(await counts()).toEqual(before);
	});

	it('a point outside the subdistrict → 422 outside_subdistrict; control characters are removed', async () => {
		const outside = await push(order('GEO-1', { lng: 121.4903, lat: 31.2397 }));
		expect(outside.status).toBe(422);
		expect(outside.json).toMatchObject({
			error: { orders: [{ errors: [{ field: 'lng', code: 'outside_subdistrict' }] }] }
		});
		const clean = await push(order('GEO-2\u0000', { content: '楼道\u202E堆物\u001b' }));
		expect(clean.json).toMatchObject({ created: ['GEO-2'] });
		const row = await t.db
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

describe('a body sent in chunks (no Content-Length)', () => {
	it('is refused with 413 once it passes 5 MB, without reading the rest', async () => {
		const chunk = new Uint8Array(1024 * 1024).fill(0x20); // spaces: valid JSON padding, were it ever parsed
		let sent = 0;
		const body = new ReadableStream<Uint8Array>({
			pull(controller) {
				if (sent++ < 60) controller.enqueue(chunk);
				else controller.close();
			}
		});
		const headers = new Headers({ 'content-type': 'application/json', authorization: `Bearer ${key}` });
		const request = new Request('http://localhost/api/v1/hotline/orders', {
			method: 'POST',
			headers,
			body,
			duplex: 'half'
		} as RequestInit);
		expect(request.headers.get('content-length')).toBeNull();
		const res = await POST({ request });
		expect(res.status).toBe(413);
		expect((await res.json()).error.code).toBe('too_large');
		expect(sent).toBeLessThan(10);
	});
});
