import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routeTestDb, type RouteEvent, type RouteTestDb } from '$lib/server/route-test';
import { actorOf } from '$lib/server/test-db';
import { seedDemoCases } from '../../../../../seeds/demo-cases';
import type { Actor } from '$lib/domain/access';

// Map markers are read through the same scope as the case list: a grid worker sees their 片区 only.
let GET: (e: Pick<RouteEvent, 'locals' | 'url'>) => Promise<Response>;
let t: RouteTestDb;
const BBOX = '121.36,31.12,121.42,31.18';

beforeAll(async () => {
	t = await routeTestDb();
	await seedDemoCases(t.db, t.users, Date.now(), 40);
	({ GET } = (await import('./+server')) as unknown as { GET: typeof GET });
}, 60_000);
afterAll(() => t.close());

const get = (actor: Actor | null, query: string) =>
	GET({ locals: { actor }, url: new URL(`http://localhost/map/points?${query}`) });
type Body = {
	total: number;
	truncated: boolean;
	clusters: { count: number }[];
	singles: { id: number; kind: string }[];
};
const body = async (r: Response) => (await r.json()) as Body;
const ids = (b: Body) => b.singles.map((s) => s.id).sort((a, b) => a - b);

describe('GET /map/points', () => {
	it('sends every case in the box once, clustered at district zoom and one by one at street level', async () => {
		const dispatcher = await actorOf(t.db, 'diaodu');
		const all = (await t.db.selectFrom('cases').select('id').execute()).map((c) => c.id).sort((a, b) => a - b);
		const far = await body(await get(dispatcher, `bbox=${BBOX}&zoom=13`));
		expect(far.total).toBe(all.length);
		expect(far.clusters.reduce((n, c) => n + c.count, 0) + far.singles.length).toBe(all.length);
		const near = await body(await get(dispatcher, `bbox=${BBOX}&zoom=18`));
		expect(ids(near)).toEqual(all);
	});

	it('applies the list filters and the viewer’s scope', async () => {
		const worker = await actorOf(t.db, 'wangge');
		const mine = (
			await t.db
				.selectFrom('cases')
				.select('id')
				.where((eb) => eb.or([eb('area_id', '=', worker.areaId!), eb('reporter_id', '=', worker.id)]))
				.execute()
		)
			.map((c) => c.id)
			.sort((a, b) => a - b);
		expect(ids(await body(await get(worker, `bbox=${BBOX}&zoom=18`)))).toEqual(mine);
		const handling = (await t.db.selectFrom('cases').select('id').where('status', '=', 'handling').execute())
			.map((c) => c.id)
			.sort((a, b) => a - b);
		expect(ids(await body(await get(await actorOf(t.db, 'lingdao'), `bbox=${BBOX}&zoom=18&status=handling`)))).toEqual(
			handling
		);
	});

	it('refuses a missing session, a bad or continent-sized box, and roles that see no cases', async () => {
		await expect(get(null, `bbox=${BBOX}&zoom=13`)).rejects.toMatchObject({ status: 401 });
		const dispatcher = await actorOf(t.db, 'diaodu');
		for (const q of [
			'bbox=1,2,3&zoom=13',
			`bbox=${BBOX}&zoom=x`,
			'bbox=100,20,130,50&zoom=5',
			'bbox=121.4,31.1,121.3,31.2&zoom=13'
		]) {
			await expect(get(dispatcher, q)).rejects.toMatchObject({ status: 400 });
		}
		await expect(get(await actorOf(t.db, 'admin'), `bbox=${BBOX}&zoom=13&track=grid`)).resolves.toBeInstanceOf(
			Response
		);
		const enforcer = await actorOf(t.db, 'zhifa');
		await expect(get(enforcer, `bbox=${BBOX}&zoom=13&track=grid`)).rejects.toMatchObject({ status: 403 });
		const theirs = await body(await get(enforcer, `bbox=${BBOX}&zoom=18&track=all`));
		expect(theirs.singles.length).toBe(
			await t.db
				.selectFrom('enforcement_cases')
				.select('id')
				.execute()
				.then((r) => r.length)
		);
		expect(theirs.singles.every((s) => s.kind === 'enforcement')).toBe(true);
		await expect(get(await actorOf(t.db, 'chengguan'), `bbox=${BBOX}&zoom=13&track=enforcement`)).rejects.toMatchObject(
			{ status: 403 }
		);
	});
});
