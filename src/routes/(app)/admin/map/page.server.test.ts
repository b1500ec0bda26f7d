import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '$lib/domain/access';
import { SETTINGS } from '$lib/domain/settings';
import { listAudit } from '$lib/server/repositories/audit';
import { getSetting } from '$lib/server/repositories/settings';
import { formEvent, routeTestDb, type PageModule, type RouteTestDb } from '$lib/server/route-test';
import { actorOf } from '$lib/server/test-db';

let page: PageModule;
let t: RouteTestDb;

beforeAll(async () => {
	t = await routeTestDb();
	page = (await import('./+page.server')) as unknown as PageModule;
});
afterAll(() => t.close());

const event = (actor: Actor | null, fields: Record<string, string> = {}) =>
	formEvent('http://localhost/admin/map', actor, fields);

describe('/admin/map', () => {
	it('is the admin’s: others get 403 and nothing is stored', async () => {
		const leader = await actorOf(t.db, 'lingdao');
		await expect(page.load(event(leader))).rejects.toMatchObject({ status: 403 });
		await expect(page.actions.default(event(leader, { kind: 'amap' }))).rejects.toMatchObject({ status: 403 });
		expect(await getSetting(t.db, SETTINGS.baseMap.key)).toBeUndefined();
	});

	it('refuses a template without its placeholders, keeping what was typed, then saves a good one with an audit entry', async () => {
		const admin = await actorOf(t.db, 'admin');
		const bad = {
			kind: 'xyz',
			url: 'https://tiles.example.org/map.png',
			subdomains: '',
			attribution: '© Example',
			datum: 'wgs84',
			key: ''
		};
		expect(await page.actions.default(event(admin, bad))).toMatchObject({
			status: 400,
			data: { values: { url: bad.url }, errors: { url: 'xyz_template' } }
		});
		expect(await getSetting(t.db, SETTINGS.baseMap.key)).toBeUndefined();
		expect(
			await page.actions.default(
				event(admin, { ...bad, url: 'https://tiles.example.org/{z}/{x}/{y}.png', datum: 'gcj02' })
			)
		).toEqual({ saved: true });
		expect(JSON.parse((await getSetting(t.db, SETTINGS.baseMap.key))!)).toMatchObject({
			kind: 'xyz',
			datum: 'gcj02',
			attribution: '© Example'
		});
		expect((await listAudit(t.db, { action: 'settings.base_map', page: 1 })).rows[0].detail).toMatchObject({
			from: { kind: 'none' },
			to: { kind: 'xyz' }
		});
		expect((await page.load(event(admin))).config).toMatchObject({
			kind: 'xyz',
			url: 'https://tiles.example.org/{z}/{x}/{y}.png'
		});
	});
});
