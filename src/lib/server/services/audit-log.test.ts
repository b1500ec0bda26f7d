import { afterEach, beforeEach, expect, it } from 'vitest';
import { auditDetailText, auditTargetText } from '$lib/audit-format';
import { at } from '$lib/domain/fixtures/time';
import { appendAudit } from '../repositories/audit';
import { createTestDb, type TestDb } from '../test-db';
import { readAuditLog } from './audit-log';

let t: TestDb;
beforeEach(async () => {
	t = await createTestDb();
});
afterEach(() => t.cleanup());

it('reads ids and codes of an entry as names: 片区, 居民区, department, user, category', async () => {
	const db = t.db;
	const community = await db
		.selectFrom('communities')
		.innerJoin('areas', 'areas.id', 'communities.area_id')
		.select(['communities.id', 'communities.name', 'communities.area_id', 'areas.name as area_name'])
		.executeTakeFirstOrThrow();
	const department = await db.selectFrom('departments').select(['id', 'name']).executeTakeFirstOrThrow();
	const category = await db
		.selectFrom('categories')
		.select(['code', 'minor'])
		.where('variant', 'is', null)
		.executeTakeFirstOrThrow();
	const userId = t.users.get('diaodu')!;
	const user = await db.selectFrom('users').select('display_name').where('id', '=', userId).executeTakeFirstOrThrow();
	const admin = t.users.get('admin')!;
	await appendAudit(db, {
		at: at('2026-11-27 09:00'),
		actorId: admin,
		action: 'user.update',
		target: `user:${userId}`,
		detail: {
			areaId: { from: null, to: community.area_id },
			communityId: { from: null, to: community.id },
			role: { from: 'leader', to: 'dispatcher' }
		}
	});
	await appendAudit(db, {
		at: at('2026-11-27 09:01'),
		actorId: admin,
		action: 'category.update',
		target: `category:${category.code}`,
		detail: { departmentId: { from: null, to: department.id } }
	});
	const log = await readAuditLog(db, { page: 1 });
	const [cat, usr] = log.rows;
	expect(auditTargetText(usr.target, log.names)).toBe(`账号 · ${user.display_name}`);
	expect(auditDetailText(usr.detail, log.names)).toBe(
		`片区: — → ${community.area_name} · 居民区: — → ${community.name} · 角色: 领导/督办 → 城运中心调度`
	);
	expect(auditTargetText(cat.target, log.names)).toBe(`类别 · ${category.minor}`);
	expect(auditDetailText(cat.detail, log.names)).toBe(`部门: — → ${department.name}`);
	// Something the log does not know stays as recorded.
	expect(auditTargetText('api_key:3', log.names)).toBe('api_key:3');
});
