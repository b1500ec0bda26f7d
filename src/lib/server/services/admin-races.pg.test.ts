import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoUsers } from '../../../../seeds/demo-users';
import { checkCalendarYear } from '$lib/domain/calendar-input';
import { migrateToLatest } from '../db/migrate';
import { pgTestDatabase, type PgTestDb } from '../db/pg-test-db';
import { countActiveAdmins } from '../repositories/users';
import { loadReferenceData } from '../repositories/reference-data';
import { createAccount, setAccountActive, updateAccount } from './accounts';
import { saveCalendarYears } from './calendar-years';

// Decisions over a set of rows, made by two admins at the same moment on two app servers: each
// service reads the set in the transaction that writes, serializable, so PostgreSQL refuses one of
// two crossing transactions; that one runs again, sees the other's change and is refused.
const NOW = Date.parse('2026-12-06T10:00:00+08:00');
let t: PgTestDb;
let users: Map<string, number>;
beforeAll(async () => {
	t = await pgTestDatabase();
	await migrateToLatest(t.db);
	await loadReferenceData(t.db);
	users = await seedDemoUsers(t.db, NOW);
}, 60_000);
afterAll(async () => {
	await t?.cleanup();
});

const admin = (username: string) => ({
	username,
	displayName: username,
	role: 'admin',
	areaId: null,
	communityId: null,
	departmentId: null
});

describe('the last active admin, with two admins acting at once', () => {
	it('two admins disabling each other: one succeeds, the other is refused as the last admin', async () => {
		const first = users.get('admin')!;
		const made = await createAccount(t.db, first, admin('admin2'), NOW);
		if (!made.ok) throw new Error(JSON.stringify(made));
		const answers = await Promise.all([
			setAccountActive(t.db, first, made.id, false, NOW),
			setAccountActive(t.db, made.id, first, false, NOW)
		]);
		expect(answers.filter((a) => a.ok)).toHaveLength(1);
		expect(answers.filter((a) => !a.ok)).toEqual([{ ok: false, errors: { form: 'last_admin' } }]);
		expect(await countActiveAdmins(t.db)).toBe(1);
	});

	it('one demoting while the other disables: still one admin left', async () => {
		const [left] = await t.db
			.selectFrom('users')
			.select('id')
			.where('role', '=', 'admin')
			.where('active', '=', 1)
			.execute();
		const made = await createAccount(t.db, left.id, admin('admin3'), NOW);
		if (!made.ok) throw new Error(JSON.stringify(made));
		const answers = await Promise.all([
			updateAccount(t.db, made.id, left.id, { ...admin('x'), role: 'leader' }, NOW),
			setAccountActive(t.db, left.id, made.id, false, NOW)
		]);
		expect(answers.filter((a) => a.ok)).toHaveLength(1);
		expect(await countActiveAdmins(t.db)).toBe(1);
	});
});

describe('calendar years, saved by two admins at once', () => {
	it('the same new year saved twice without "replace": one saves it, the other is told it is on file', async () => {
		const year = checkCalendarYear({
			year: 2031,
			title: '2031 年',
			source: 'test',
			offDays: ['2031-01-01'],
			makeupWorkdays: []
		});
		const adminId = users.get('admin')!;
		const answers = await Promise.all([0, 1].map(() => saveCalendarYears(t.db, adminId, [year], false, 'save', NOW)));
		expect(answers.filter((a) => a.ok)).toHaveLength(1);
		expect(answers.filter((a) => !a.ok)).toEqual([{ ok: false, issues: [], existing: [2031] }]);
		const audited = await t.db.selectFrom('audit_log').select('id').where('target', '=', 'calendar:2031').execute();
		expect(audited).toHaveLength(1);
	});
});
