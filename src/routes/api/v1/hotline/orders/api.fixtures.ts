// Shared set-up of the 12345 orders API tests (api.accepted.test.ts, api.refused.test.ts): the handler on a test
// database of its own, one 12345 key, a valid order and a push that checks every answer for personal data.
import path from 'node:path';
import { afterAll, beforeAll, expect, vi } from 'vitest';
import { createApiKey } from '$lib/server/auth/api-keys';
import { countRows, createTestDb, type TestDb } from '$lib/server/test-db';

type Handler = (event: { request: Request }) => Promise<Response>;
let POST: Handler;
let t: TestDb;
let key: string;
let apiKeyId: number;
const savedDatabasePath = process.env.DATABASE_PATH;

/**
 * Registers the file's hooks. The handler reads the database through getDb(), which opens DATABASE_PATH on first
 * use: point it at the test database before the module is loaded (fresh module graph, so no connection is cached).
 * The handle's fields are ready inside the tests.
 */
export function useHotlineOrdersApi() {
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
	return {
		get db() {
			return t.db;
		},
		/** Demo user ids by username. */
		get users() {
			return t.users;
		},
		/** The 12345 key the pushes carry, and its id. */
		get key() {
			return key;
		},
		get apiKeyId() {
			return apiKeyId;
		},
		/** The handler itself, for a request built by hand. */
		post: (request: Request) => POST({ request })
	};
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

export const stored = (prefix: string) =>
	t.db.selectFrom('hotline_orders').selectAll().where('order_no', 'like', `${prefix}%`).orderBy('order_no').execute();
/** Orders and order events stored so far. */
export const counts = async () => ({
	orders: await countRows(t.db, 'hotline_orders'),
	events: await countRows(t.db, 'hotline_events')
});
