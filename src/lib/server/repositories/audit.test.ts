import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { at } from '$lib/domain/fixtures/time';
import { createTestDb, type TestDb } from '../test-db';
import { AUDIT_PAGE_SIZE, appendAudit, auditChoices, listAudit } from './audit';

let t: TestDb;
beforeEach(async () => {
	t = await createTestDb();
});
afterEach(() => t.cleanup());

describe('audit log', () => {
	it('is append-only: the database refuses to change or remove an entry', async () => {
		await appendAudit(t.db, {
			at: at('2026-11-27 09:00'),
			actorId: t.users.get('admin')!,
			action: 'calendar.save',
			target: 'calendar:2027',
			detail: { year: 2027 }
		});
		await expect(t.db.updateTable('audit_log').set({ action: 'x' }).execute()).rejects.toThrow(/append-only/);
		await expect(t.db.deleteFrom('audit_log').execute()).rejects.toThrow(/append-only/);
		expect((await listAudit(t.db, { page: 1 })).rows).toMatchObject([
			{ action: 'calendar.save', target: 'calendar:2027', detail: { year: 2027 }, actor_username: 'admin' }
		]);
	});

	it('filters by action, person and Shanghai dates, newest first, a page at a time', async () => {
		const admin = t.users.get('admin')!;
		const other = t.users.get('diaodu')!;
		for (let i = 0; i < AUDIT_PAGE_SIZE + 5; i++)
			await appendAudit(t.db, {
				at: at('2026-11-01 10:00') + i * 60_000,
				actorId: admin,
				action: 'camera.edit',
				target: `camera:C${i}`,
				detail: {}
			});
		await appendAudit(t.db, {
			at: at('2026-11-02 00:30'),
			actorId: other,
			action: 'api_key.revoke',
			target: 'api_key:1',
			detail: {}
		});
		const all = await listAudit(t.db, { page: 1 });
		expect(all.total).toBe(AUDIT_PAGE_SIZE + 6);
		expect(all.rows).toHaveLength(AUDIT_PAGE_SIZE);
		expect(all.rows[0].target).toBe('api_key:1');
		expect((await listAudit(t.db, { page: 2 })).rows).toHaveLength(6);
		expect((await listAudit(t.db, { action: 'api_key.revoke', page: 1 })).total).toBe(1);
		expect((await listAudit(t.db, { actorId: admin, page: 1 })).total).toBe(AUDIT_PAGE_SIZE + 5);
		// 00:30 on 11-02 in Shanghai is still 11-01 in UTC: the day is Shanghai's.
		expect(
			(await listAudit(t.db, { fromMs: at('2026-11-02 00:00'), toMs: at('2026-11-03 00:00'), page: 1 })).rows.map(
				(r) => r.target
			)
		).toEqual(['api_key:1']);
		expect(await auditChoices(t.db)).toEqual({
			actions: ['api_key.revoke', 'camera.edit'],
			actors: expect.arrayContaining([
				{ id: admin, display_name: expect.any(String) },
				{ id: other, display_name: expect.any(String) }
			])
		});
	});
});
