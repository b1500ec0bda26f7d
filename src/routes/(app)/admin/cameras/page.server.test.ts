import { getNumberSetting } from '$lib/server/repositories/settings';
import { getRepeatWindowDays } from '$lib/server/services/shops';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadAlertSettings } from '$lib/server/repositories/alerts';
import { listAudit } from '$lib/server/repositories/audit';
import { formEvent, routeTestDb, type PageModule, type RouteTestDb } from '$lib/server/route-test';
import { actorOf } from '$lib/server/test-db';
import type { Actor } from '$lib/domain/access';

let page: PageModule;
let t: RouteTestDb;
let admin: Actor;
let dispatcher: Actor;

beforeAll(async () => {
	t = await routeTestDb();
	page = (await import('./+page.server')) as unknown as PageModule;
	admin = await actorOf(t.db, 'admin');
	dispatcher = await actorOf(t.db, 'diaodu');
});
afterAll(() => t.close());

const event = (actor: Actor | null, fields: Record<string, string | File> = {}) =>
	formEvent('http://localhost/admin/cameras', actor, fields);
/** What SvelteKit's error()/fail() produce: a thrown HttpError, or an ActionFailure value. */
const statusOf = async (p: Promise<unknown>) => {
	try {
		const r = (await p) as { status?: number } | undefined;
		return r && typeof r === 'object' && 'status' in r ? r.status : 200;
	} catch (e) {
		return (e as { status?: number }).status ?? 500;
	}
};
const camera = (id: string) => t.db.selectFrom('cameras').selectAll().where('id', '=', id).executeTakeFirst();
const POINT = { lng: '121.3912', lat: '31.1523' };

describe('admin/cameras: only the admin (manage_cameras)', () => {
	it('a dispatcher gets 403 on the load and on every action, and nothing changes', async () => {
		expect(await statusOf(page.load(event(dispatcher)))).toBe(403);
		for (const name of Object.keys(page.actions)) {
			expect(
				await statusOf(
					page.actions[name](
						event(dispatcher, { id: 'CAM-X', name: 'x', ...POINT, dedupMeters: '5', dedupMinutes: '5', frameHosts: '' })
					)
				)
			).toBe(403);
		}
		expect(await camera('CAM-X')).toBeUndefined();
	});

	it('no session → redirect to login', async () => {
		expect(await statusOf(page.load(event(null)))).toBe(303);
		expect(await statusOf(page.actions.add(event(null, { id: 'CAM-X', name: 'x', ...POINT })))).toBe(303);
	});
});

describe('admin/cameras: registry', () => {
	it('add: the 片区 and 居民区 follow from the point; the id may not be used twice', async () => {
		expect(await page.actions.add(event(admin, { id: 'CAM-100', name: '古美路东口', ...POINT }))).toEqual({
			action: 'add',
			done: 'CAM-100'
		});
		const row = await camera('CAM-100');
		expect(row).toMatchObject({ name: '古美路东口', lng: 121.3912, lat: 31.1523, active: 1 });
		expect(row!.area_id).toBeGreaterThan(0);
		expect(row!.community_id).toBeGreaterThan(0);
		const again = (await page.actions.add(event(admin, { id: 'CAM-100', name: '另一个', ...POINT }))) as {
			status: number;
			data: { errors: Record<string, string> };
		};
		expect(again.status).toBe(400);
		expect(again.data.errors).toEqual({ id: 'duplicate' });
		expect((await camera('CAM-100'))!.name).toBe('古美路东口');
		// The registration is in the audit log once; the refused duplicate is not.
		const log = await listAudit(t.db, { action: 'camera.add', page: 1 });
		expect(log.rows.filter((r) => r.target === 'camera:CAM-100').map((r) => [r.actor_username, r.detail.name])).toEqual(
			[['admin', '古美路东口']]
		);
	});

	it.each([
		[{ id: '', name: 'x', ...POINT }, { id: 'required' }],
		[{ id: 'bad id/1', name: 'x', ...POINT }, { id: 'invalid_id' }],
		[{ id: 'CAM-200', name: '', ...POINT }, { name: 'required' }],
		[{ id: 'CAM-200', name: 'x', lng: '121.47', lat: '31.23' }, { point: 'outside_subdistrict' }],
		[{ id: 'CAM-200', name: 'x', lng: 'east', lat: '31.15' }, { point: 'invalid_point' }]
	])('add %j → 400 %j, nothing stored', async (fields, errors) => {
		const r = (await page.actions.add(event(admin, fields))) as { status: number; data: { errors: unknown } };
		expect(r.status).toBe(400);
		expect(r.data.errors).toEqual(errors);
		expect(await camera('CAM-200')).toBeUndefined();
	});

	it('edit name and point; outside the subdistrict is refused; an unknown id is 404', async () => {
		await page.actions.add(event(admin, { id: 'CAM-300', name: '旧名', ...POINT }));
		expect(
			await page.actions.edit(event(admin, { id: 'CAM-300', name: '新名', lng: '121.3920', lat: '31.1530' }))
		).toEqual({ action: 'edit', done: 'CAM-300' });
		expect(await camera('CAM-300')).toMatchObject({ name: '新名', lng: 121.392, lat: 31.153 });
		const outside = (await page.actions.edit(
			event(admin, { id: 'CAM-300', name: '新名', lng: '121.47', lat: '31.23' })
		)) as { status: number };
		expect(outside.status).toBe(400);
		expect(await camera('CAM-300')).toMatchObject({ lng: 121.392 });
		expect(
			((await page.actions.edit(event(admin, { id: 'NOPE', name: 'x', ...POINT }))) as { status: number }).status
		).toBe(404);
	});

	it('deactivate and reactivate, never delete; the list shows the state and the alert count', async () => {
		await page.actions.add(event(admin, { id: 'CAM-400', name: '探头', ...POINT }));
		expect(await page.actions.deactivate(event(admin, { id: 'CAM-400' }))).toEqual({
			action: 'deactivate',
			done: 'CAM-400'
		});
		expect((await camera('CAM-400'))!.active).toBe(0);
		const data = (await page.load(event(admin))) as {
			cameras: { id: string; active: boolean; alertCount: number; communityName: string }[];
		};
		expect(data.cameras.find((c) => c.id === 'CAM-400')).toMatchObject({
			active: false,
			alertCount: 0,
			communityName: expect.any(String)
		});
		await page.actions.reactivate(event(admin, { id: 'CAM-400' }));
		expect((await camera('CAM-400'))!.active).toBe(1);
		expect(((await page.actions.deactivate(event(admin, { id: 'NOPE' }))) as { status: number }).status).toBe(404);
	});
});

describe('admin/cameras: alert settings', () => {
	// Per field: a value it saves, and a value it refuses with its error.
	const FIELDS = {
		dedupMeters: ['80', '0', 'out_of_range'],
		dedupMinutes: ['600', '10081', 'out_of_range'],
		frameHosts: ['IMG.example.com, 10.0.0.5:8080', 'http://x.com/', 'invalid_hosts'],
		rectifyMinutes: ['45', '0', 'out_of_range'],
		repeatDays: ['180', '', 'required']
	};
	const column = (i: 0 | 1 | 2) => Object.fromEntries(Object.entries(FIELDS).map(([name, v]) => [name, v[i]]));

	it('saves valid values; refuses out-of-range numbers and malformed hosts', async () => {
		expect(await page.actions.settings(event(admin, column(0)))).toEqual({ action: 'settings', done: 'settings' });
		expect(await loadAlertSettings(t.db)).toEqual({
			dedupMeters: 80,
			dedupMinutes: 600,
			frameHosts: ['img.example.com', '10.0.0.5:8080']
		});
		expect(await getNumberSetting(t.db, 'enforcement.rectify_minutes', 30)).toBe(45);
		expect(await getRepeatWindowDays(t.db)).toBe(180);
		const bad = (await page.actions.settings(event(admin, column(1)))) as { status: number; data: { errors: unknown } };
		expect(bad.status).toBe(400);
		expect(bad.data.errors).toEqual(column(2));
		expect(await loadAlertSettings(t.db)).toMatchObject({ dedupMeters: 80, dedupMinutes: 600 });
		expect(await getNumberSetting(t.db, 'enforcement.rectify_minutes', 30)).toBe(45);
	});
});
