import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routeTestDb, type RouteEvent, type RouteTestDb } from '$lib/server/route-test';
import { gridRow } from '$lib/server/services/stats/fixtures';
import { actorOf } from '$lib/server/test-db';
import type { Actor } from '$lib/domain/access';

type Get = (e: Pick<RouteEvent, 'locals' | 'url'>) => Promise<Response>;
let t: RouteTestDb;
let GET: Get;

// Two reports waiting for 受理 (the counting itself is tested in services/work-counts.test.ts).
beforeAll(async () => {
	t = await routeTestDb();
	for (let i = 0; i < 2; i++) await gridRow(t.db, { status: 'reported', reportedAt: Date.now() - 3_600_000 });
	GET = ((await import('./+server')) as unknown as { GET: Get }).GET;
});
afterAll(() => t.close());

const get = (actor: Actor | null, query = '') =>
	GET({ locals: { actor }, url: new URL(`http://localhost/counts${query}`) });

describe('GET /counts', () => {
	it('answers the signed-in person with their own counts, never cached', async () => {
		const r = await get(await actorOf(t.db, 'diaodu'));
		expect(r.status).toBe(200);
		expect(r.headers.get('cache-control')).toContain('no-store');
		const body = await r.json();
		expect(body).toMatchObject({
			todo: expect.any(Number),
			overdue: expect.any(Number),
			dueSoon: expect.any(Number),
			at: expect.any(Number)
		});
		expect(body.todo).toBe(body.cases.todo + body.orders.todo);
		expect(body.cases.todo).toBe(2);
	});

	it('a grid worker counts no 12345 orders: they may not open them', async () => {
		const body = await (await get(await actorOf(t.db, 'wangge'))).json();
		expect(body.orders).toEqual({ todo: 0, overdue: 0, dueSoon: 0 });
	});

	it('refuses without a session, with a parameter, and for a role with no work list — never a 500', async () => {
		expect((await get(null)).status).toBe(401);
		const dispatcher = await actorOf(t.db, 'diaodu');
		for (const q of ['?role=handler', '?x=', '?%ZZ']) {
			const r = await get(dispatcher, q);
			expect([q, r.status]).toEqual([q, 400]);
			expect((await r.json()).error.code).toBe('unexpected_parameter');
		}
		const leader = await get(await actorOf(t.db, 'lingdao'));
		expect(leader.status).toBe(403);
		expect((await leader.json()).error.code).toBe('no_work_list');
	});
});
