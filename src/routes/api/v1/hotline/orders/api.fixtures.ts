// Shared set-up of the 12345 orders API tests (api.accepted.test.ts, api.refused.test.ts): the handler on a test
// database of its own, one 12345 key, a valid order and a push that checks every answer for personal data.
import { expect } from 'vitest';
import { apiUnderTest, type ApiUnderTest } from '$lib/server/route-test';
import { countRows, ordersNumbered } from '$lib/server/test-db';

let current: ApiUnderTest | undefined;
const api = () => current!;

/** Registers the file's hooks: the handler on a test database of its own, with one 12345 key. */
export function useHotlineOrdersApi(): ApiUnderTest {
	current = apiUnderTest(() => import('./+server'), '市12345平台');
	return current;
}

/** 'YYYY-MM-DD HH:mm' in Asia/Shanghai, `hoursAgo` before the real clock (the handler validates against Date.now()). */
export function shanghaiTime(hoursAgo: number): string {
	const d = new Date(Date.now() - hoursAgo * 3_600_000 + 8 * 3_600_000);
	return d.toISOString().slice(0, 16).replace('T', ' ');
}

export const NAME = '欧阳娜娜';
export const PHONE = '13812345678';
export const order = (orderNo: string, over: Record<string, unknown> = {}) => ({
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

export async function push(
	body: unknown,
	authorization: string | null = `Bearer ${api().key}`
): Promise<{ status: number; text: string; json: Record<string, unknown> }> {
	const headers = new Headers({ 'content-type': 'application/json' });
	if (authorization !== null) headers.set('authorization', authorization);
	const request = new Request('http://localhost/api/v1/hotline/orders', {
		method: 'POST',
		headers,
		body: typeof body === 'string' ? body : JSON.stringify(body)
	});
	const res = await api().post(request);
	const text = await res.text();
	// The citizen's name and phone never come back, in any answer.
	expect(text).not.toContain(NAME);
	expect(text).not.toContain(PHONE);
	expect(text).not.toContain(PHONE.slice(3, 7));
	return { status: res.status, text, json: JSON.parse(text) };
}

export const stored = (prefix: string) => ordersNumbered(api().db, prefix);
/** Orders and order events stored so far. */
export const counts = async () => ({
	orders: await countRows(api().db, 'hotline_orders'),
	events: await countRows(api().db, 'hotline_events')
});
