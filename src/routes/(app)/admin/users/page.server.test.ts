import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formEvent, routeTestDb, type PageModule, type RouteTestDb } from '$lib/server/route-test';
import { actorOf } from '$lib/server/test-db';
import type { Actor } from '$lib/domain/access';

// Accounts are the admin's: every load and action refuses anyone else on the server.
let list: PageModule;
let one: PageModule;
let departments: PageModule;
let category: PageModule;
let hub: PageModule;
let t: RouteTestDb;

beforeAll(async () => {
	t = await routeTestDb();
	list = (await import('./+page.server')) as unknown as PageModule;
	one = (await import('./[id=id]/+page.server')) as unknown as PageModule;
	departments = (await import('../departments/+page.server')) as unknown as PageModule;
	category = (await import('../categories/[code]/+page.server')) as unknown as PageModule;
	hub = (await import('../+page.server')) as unknown as PageModule;
});
afterAll(() => t.close());

const event = (actor: Actor | null, fields: Record<string, string> = {}, params: Record<string, string> = {}) =>
	formEvent('http://localhost/admin/users', actor, fields, params);

describe('/admin/users, /admin/departments and /admin/categories', () => {
	it('refuse everyone but the admin, loads and actions alike, and change nothing', async () => {
		const before = await t.db
			.selectFrom('users')
			.select(['id', 'role', 'active', 'password_hash'])
			.orderBy('id')
			.execute();
		const target = { id: String(t.users.get('wangge')!) };
		for (const username of ['diaodu', 'lingdao', 'wangge']) {
			const actor = await actorOf(t.db, username);
			await expect(list.load(event(actor))).rejects.toMatchObject({ status: 403 });
			await expect(hub.load(event(actor))).rejects.toMatchObject({ status: 403 });
			await expect(
				list.actions.create(event(actor, { username: 'sneaky', displayName: 'x', role: 'admin' }))
			).rejects.toMatchObject({ status: 403 });
			await expect(one.load(event(actor, {}, target))).rejects.toMatchObject({ status: 403 });
			for (const action of ['update', 'disable', 'enable', 'reset']) {
				await expect(
					one.actions[action](event(actor, { displayName: 'x', role: 'admin' }, target))
				).rejects.toMatchObject({ status: 403 });
			}
			await expect(departments.actions.retire(event(actor, { id: '1' }))).rejects.toMatchObject({ status: 403 });
			for (const action of ['update', 'limits', 'withdraw', 'retire']) {
				await expect(
					category.actions[action](
						event(actor, { handleValue: '1', handleUnit: 'wd', id: '1' }, { code: 'SH-HWSR-01' })
					)
				).rejects.toMatchObject({ status: 403 });
			}
		}
		await expect(list.load(event(null))).rejects.toMatchObject({ status: 303 });
		expect(
			await t.db.selectFrom('users').select(['id', 'role', 'active', 'password_hash']).orderBy('id').execute()
		).toEqual(before);
		expect(
			await t.db.selectFrom('category_limits').select('id').where('category_code', '=', 'SH-HWSR-01').execute()
		).toHaveLength(1);
	});

	it('lists accounts for the admin without password hashes, filtered by role', async () => {
		const admin = await actorOf(t.db, 'admin');
		const data = await list.load(formEvent('http://localhost/admin/users?role=handler', admin));
		const accounts = data.accounts as Record<string, unknown>[];
		expect(accounts.map((a) => a.username)).toEqual(['chengguan', 'shirong', 'fangban', 'lvhua', 'wuye', 'shizheng']);
		expect(JSON.stringify(accounts)).not.toContain('argon2');
	});
});
