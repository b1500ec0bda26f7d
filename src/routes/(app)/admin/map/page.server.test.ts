import { describe, expect, it } from 'vitest';
import { SETTINGS } from '$lib/domain/settings';
import { listAudit } from '$lib/server/repositories/audit';
import { getSetting } from '$lib/server/repositories/settings';
import { pageUnderTest } from '$lib/server/route-test';
import { actorOf } from '$lib/server/test-db';

const r = pageUnderTest('http://localhost/admin/map', () => import('./+page.server'));

describe('/admin/map', () => {
	it('is the admin’s: others get 403 and nothing is stored', async () => {
		const leader = await actorOf(r.db, 'lingdao');
		await expect(r.page.load(r.event(leader))).rejects.toMatchObject({ status: 403 });
		await expect(r.page.actions.default(r.event(leader, { kind: 'amap' }))).rejects.toMatchObject({ status: 403 });
		expect(await getSetting(r.db, SETTINGS.baseMap.key)).toBeUndefined();
	});

	it('refuses a template without its placeholders, keeping what was typed, then saves a good one with an audit entry', async () => {
		const admin = await actorOf(r.db, 'admin');
		const bad = {
			kind: 'xyz',
			url: 'https://tiles.example.org/map.png',
			subdomains: '',
			attribution: '© Example',
			datum: 'wgs84',
			key: ''
		};
		expect(await r.page.actions.default(r.event(admin, bad))).toMatchObject({
			status: 400,
			data: { values: { url: bad.url }, errors: { url: 'xyz_template' } }
		});
		expect(await getSetting(r.db, SETTINGS.baseMap.key)).toBeUndefined();
		expect(
			await r.page.actions.default(
				r.event(admin, { ...bad, url: 'https://tiles.example.org/{z}/{x}/{y}.png', datum: 'gcj02' })
			)
		).toEqual({ saved: true });
		expect(JSON.parse((await getSetting(r.db, SETTINGS.baseMap.key))!)).toMatchObject({
			kind: 'xyz',
			datum: 'gcj02',
			attribution: '© Example'
		});
		expect((await listAudit(r.db, { action: 'settings.base_map', page: 1 })).rows[0].detail).toMatchObject({
			from: { kind: 'none' },
			to: { kind: 'xyz' }
		});
		expect((await r.page.load(r.event(admin))).config).toMatchObject({
			kind: 'xyz',
			url: 'https://tiles.example.org/{z}/{x}/{y}.png'
		});
	});
});
