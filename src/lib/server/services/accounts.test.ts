import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAudit } from '../repositories/audit';
import { signIn } from './sign-in';
import { validateSessionToken } from '../auth/session';
import { createTestDb, type TestDb } from '../test-db';
import { changeOwnPassword, createAccount, resetPassword, setAccountActive, updateAccount } from './accounts';
import { createDepartment, renameDepartment, setDepartmentActive } from './departments';

let t: TestDb;
let adminId: number;
const now = Date.parse('2026-11-27T02:00:00Z');
beforeAll(async () => {
	t = await createTestDb();
	adminId = t.users.get('admin')!;
});
afterAll(() => t.cleanup());

const user = (id: number) => t.db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const lastAudit = async () => (await listAudit(t.db, { page: 1 })).rows[0];
const areaOf = async (community: string) =>
	t.db.selectFrom('communities').select(['id', 'area_id']).where('name', '=', community).executeTakeFirstOrThrow();

describe('accounts', () => {
	it('creates an account with a temporary password that signs in once and must then be changed', async () => {
		const c = await areaOf('古美一村');
		const r = await createAccount(
			t.db,
			adminId,
			{
				username: 'Zhao.Liu',
				displayName: '赵六',
				role: 'grid_worker',
				areaId: null,
				communityId: c.id,
				departmentId: 3
			},
			now
		);
		if (!r.ok) throw new Error(JSON.stringify(r.errors));
		const row = await user(r.id);
		expect(row).toMatchObject({
			username: 'zhao.liu',
			role: 'grid_worker',
			area_id: c.area_id,
			community_id: c.id,
			department_id: null,
			must_change_password: 1,
			active: 1
		});
		expect(row.password_hash).not.toContain(r.password);
		expect(await lastAudit()).toMatchObject({ action: 'user.create', target: `user:${r.id}` });
		const signed = await signIn(t.db, 'zhao.liu', r.password, { address: '10.0.0.1', device: null }, now);
		expect(signed.ok).toBe(true);
		if (!signed.ok) return;
		expect((await validateSessionToken(t.db, signed.token, now))?.user.must_change_password).toBe(1);

		expect(
			await changeOwnPassword(
				t.db,
				r.id,
				'x',
				{ current: 'wrong', password: 'new-pass-2026', confirm: 'new-pass-2026' },
				now
			)
		).toEqual({ ok: false, errors: { current: 'wrong_password' } });
		expect(
			await changeOwnPassword(t.db, r.id, 'x', { current: r.password, password: 'zhao.liu', confirm: 'zhao.liu' }, now)
		).toEqual({ ok: false, errors: { password: 'password_is_username' } });
		const sessionId = signed.token.split('.')[0];
		expect(
			await changeOwnPassword(
				t.db,
				r.id,
				sessionId,
				{ current: r.password, password: 'new-pass-2026', confirm: 'new-pass-2026' },
				now
			)
		).toEqual({ ok: true });
		expect((await user(r.id)).must_change_password).toBe(0);
		// The session that made the change stays signed in, with the flag cleared.
		expect((await validateSessionToken(t.db, signed.token, now))?.user.must_change_password).toBe(0);
		expect((await signIn(t.db, 'zhao.liu', r.password, { address: '10.0.0.1', device: null }, now)).ok).toBe(false);
		expect((await signIn(t.db, 'zhao.liu', 'new-pass-2026', { address: '10.0.0.2', device: null }, now)).ok).toBe(true);
		expect(await lastAudit()).toMatchObject({ action: 'user.change_password', detail: {} });
	});

	it('refuses a taken username and bad scope, and writes nothing', async () => {
		const before = (await t.db.selectFrom('users').select('id').execute()).length;
		const refused = [
			[{ username: 'wangge', displayName: '重名', role: 'dispatcher' }, { username: 'username_taken' }],
			[{ username: 'new.handler', displayName: '新人', role: 'handler' }, { departmentId: 'scope_department_required' }]
		] as const;
		for (const [form, errors] of refused) {
			const noScope = { areaId: null, communityId: null, departmentId: null };
			expect(await createAccount(t.db, adminId, { ...form, ...noScope }, now)).toEqual({ ok: false, errors });
		}
		expect((await t.db.selectFrom('users').select('id').execute()).length).toBe(before);
	});

	it('changing role or scope signs the user out; a new display name alone does not', async () => {
		const id = t.users.get('wangge3')!;
		const s = await signIn(t.db, 'wangge3', 'gridcase-demo', { address: '10.0.0.3', device: null }, now);
		if (!s.ok) throw new Error('sign-in');
		expect(
			await updateAccount(
				t.db,
				adminId,
				id,
				{
					displayName: '王网格（新）',
					role: 'grid_worker',
					areaId: null,
					communityId: (await user(id)).community_id,
					departmentId: null
				},
				now
			)
		).toEqual({ ok: true });
		expect(await validateSessionToken(t.db, s.token, now)).not.toBeNull();
		const dept = await t.db
			.selectFrom('departments')
			.select('id')
			.where('name', '=', '市容所')
			.executeTakeFirstOrThrow();
		expect(
			await updateAccount(
				t.db,
				adminId,
				id,
				{ displayName: '王网格（新）', role: 'handler', areaId: null, communityId: null, departmentId: dept.id },
				now
			)
		).toEqual({ ok: true });
		expect(await validateSessionToken(t.db, s.token, now)).toBeNull();
		expect(await user(id)).toMatchObject({
			role: 'handler',
			department_id: dept.id,
			area_id: null,
			community_id: null
		});
		const entry = await lastAudit();
		expect(entry).toMatchObject({ action: 'user.update', target: `user:${id}` });
		expect(entry.detail).toMatchObject({
			role: { from: 'grid_worker', to: 'handler' },
			departmentId: { from: null, to: dept.id }
		});
	});

	it('disables (ending sessions) and enables again, but never the admin themself or the last admin', async () => {
		const id = t.users.get('wangge2')!;
		const s = await signIn(t.db, 'wangge2', 'gridcase-demo', { address: '10.0.0.4', device: null }, now);
		if (!s.ok) throw new Error('sign-in');
		expect(await setAccountActive(t.db, adminId, id, false, now)).toEqual({ ok: true });
		expect(await validateSessionToken(t.db, s.token, now)).toBeNull();
		expect((await signIn(t.db, 'wangge2', 'gridcase-demo', { address: '10.0.0.4', device: null }, now)).ok).toBe(false);
		expect(await setAccountActive(t.db, adminId, id, true, now)).toEqual({ ok: true });
		expect((await signIn(t.db, 'wangge2', 'gridcase-demo', { address: '10.0.0.5', device: null }, now)).ok).toBe(true);

		expect(await setAccountActive(t.db, adminId, adminId, false, now)).toEqual({
			ok: false,
			errors: { form: 'self_disable' }
		});
		expect(
			await updateAccount(
				t.db,
				adminId,
				adminId,
				{ displayName: '管理员', role: 'leader', areaId: null, communityId: null, departmentId: null },
				now
			)
		).toEqual({ ok: false, errors: { role: 'last_admin' } });
		expect((await user(adminId)).role).toBe('admin');
	});

	it('resets a password: old one refused, sessions ended, change required', async () => {
		const id = t.users.get('lingdao')!;
		const s = await signIn(t.db, 'lingdao', 'gridcase-demo', { address: '10.0.0.6', device: null }, now);
		if (!s.ok) throw new Error('sign-in');
		const r = await resetPassword(t.db, adminId, id, now);
		if (!r.ok) throw new Error('reset');
		expect(r.password).toMatch(/^[a-km-np-zA-HJ-NP-Z2-9]{12}$/);
		expect(await validateSessionToken(t.db, s.token, now)).toBeNull();
		expect((await signIn(t.db, 'lingdao', 'gridcase-demo', { address: '10.0.0.6', device: null }, now)).ok).toBe(false);
		expect((await signIn(t.db, 'lingdao', r.password, { address: '10.0.0.7', device: null }, now)).ok).toBe(true);
		expect((await user(id)).must_change_password).toBe(1);
		expect(await lastAudit()).toMatchObject({ action: 'user.reset_password', detail: { username: 'lingdao' } });
	});
});

describe('departments', () => {
	it('adds, renames and retires a department, refusing duplicates and departments with open work', async () => {
		const r = await createDepartment(t.db, adminId, ' 网格化中心 ', 'other', now);
		if (!r.ok) throw new Error(r.code);
		expect(await createDepartment(t.db, adminId, '网格化中心', 'other', now)).toEqual({
			ok: false,
			field: 'name',
			code: 'name_taken'
		});
		expect(await createDepartment(t.db, adminId, '新部门', 'spaceship', now)).toEqual({
			ok: false,
			field: 'kind',
			code: 'invalid'
		});
		expect(await renameDepartment(t.db, adminId, r.id, '市容所', now)).toEqual({
			ok: false,
			field: 'name',
			code: 'name_taken'
		});
		expect(await renameDepartment(t.db, adminId, r.id, '网格中心', now)).toEqual({ ok: true, id: r.id });
		expect(await lastAudit()).toMatchObject({
			action: 'department.rename',
			detail: { from: '网格化中心', to: '网格中心' }
		});
		expect(await setDepartmentActive(t.db, adminId, r.id, false, now)).toEqual({ ok: true, id: r.id });
		const { listDepartments } = await import('../repositories/reference');
		expect((await listDepartments(t.db)).map((d) => d.id)).not.toContain(r.id);
		expect((await listDepartments(t.db, { includeRetired: true })).map((d) => d.id)).toContain(r.id);
		expect(await setDepartmentActive(t.db, adminId, r.id, true, now)).toEqual({ ok: true, id: r.id });
	});

	it('keeps a department that still has an open case', async () => {
		const dept = await t.db
			.selectFrom('departments')
			.select('id')
			.where('name', '=', '绿化所')
			.executeTakeFirstOrThrow();
		const c = await t.db.selectFrom('communities').select(['id', 'area_id']).executeTakeFirstOrThrow();
		await t.db
			.insertInto('cases')
			.values({
				code: 'T-DEPT-1',
				track: 'grid',
				source: 'patrol',
				status: 'handling',
				category_code: 'SH-YLLH-01',
				urgency: '一般',
				description: '树枝',
				address: '路口',
				lng: 121.38,
				lat: 31.15,
				area_id: c.area_id,
				community_id: c.id,
				reporter_id: t.users.get('wangge')!,
				department_id: dept.id,
				handler_id: null,
				self_handled: 0,
				supervised: 0,
				rework_count: 0,
				reported_at: now,
				stage_started_at: now,
				version: 1,
				updated_at: now
			})
			.execute();
		expect(await setDepartmentActive(t.db, adminId, dept.id, false, now)).toEqual({
			ok: false,
			field: 'form',
			code: 'department_has_open_work',
			count: 1
		});
		expect(
			(await t.db.selectFrom('departments').select('active').where('id', '=', dept.id).executeTakeFirstOrThrow()).active
		).toBe(1);
	});
});
