import { describe, expect, it } from 'vitest';
import { createApiKey, revokeApiKey } from '$lib/server/auth/api-keys';
import { shanghaiTime, order, push, stored, counts, useHotlineOrdersApi } from './api.fixtures';

// POST /api/v1/hotline/orders, what it refuses: missing, revoked or foreign keys, invalid orders (the whole batch),
// bodies that are not JSON, wrongly typed or too large. What it takes in: api.accepted.test.ts.

const api = useHotlineOrdersApi();

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
		const r = await push(order('K-2'), auth(api.key));
		expect(r.status).toBe(401);
		expect(r.json).toMatchObject({ error: { code } });
		expect(await counts()).toEqual(before);
	});

	it('a revoked key → 401 api_key_revoked', async () => {
		const revoked = await createApiKey(api.db, '旧对接', api.users.get('admin')!, Date.now());
		expect(await revokeApiKey(api.db, revoked.id, Date.now())).toBe(true);
		const before = await counts();
		const r = await push(order('K-3'), `Bearer ${revoked.key}`);
		expect(r.status).toBe(401);
		expect(r.json).toMatchObject({ error: { code: 'api_key_revoked' } });
		expect(await counts()).toEqual(before);
	});

	it('a camera-alerts key → 403 wrong_integration, nothing written', async () => {
		const alerts = await createApiKey(api.db, '视频平台', api.users.get('admin')!, Date.now(), 'alerts');
		expect(alerts.integration).toBe('alerts');
		const before = await counts();
		const r = await push(order('K-4'), `Bearer ${alerts.key}`);
		expect(r.status).toBe(403);
		expect(r.json).toMatchObject({ error: { code: 'wrong_integration' } });
		expect(await counts()).toEqual(before);
		expect(await stored('K-4')).toEqual([]);
	});
});

describe('POST /api/v1/hotline/orders: orders refused', () => {
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
		const headers = new Headers({ 'content-type': 'application/json', authorization: `Bearer ${api.key}` });
		const request = new Request('http://localhost/api/v1/hotline/orders', {
			method: 'POST',
			headers,
			body,
			duplex: 'half'
		} as RequestInit);
		expect(request.headers.get('content-length')).toBeNull();
		const res = await api.post(request);
		expect(res.status).toBe(413);
		expect((await res.json()).error.code).toBe('too_large');
		expect(sent).toBeLessThan(10);
	});
});
