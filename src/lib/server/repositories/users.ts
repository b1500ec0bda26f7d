import type { Updateable } from 'kysely';
import { contains } from './like';
import type { Db } from '../db/create-database';
import type { UserTable } from '../db/schema';

export interface NewUserInput {
	username: string;
	displayName: string;
	role: string;
	passwordHash: string;
	departmentId?: number | null;
	areaId?: number | null;
	communityId?: number | null;
}

export async function findUserByUsername(db: Db, username: string) {
	return db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
}

export async function insertUser(db: Db, u: NewUserInput, now: number): Promise<number> {
	const row = await db
		.insertInto('users')
		.values({
			username: u.username,
			display_name: u.displayName,
			role: u.role,
			password_hash: u.passwordHash,
			department_id: u.departmentId ?? null,
			area_id: u.areaId ?? null,
			community_id: u.communityId ?? null,
			created_at: now
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	return row.id;
}

export async function countUsers(db: Db): Promise<number> {
	const r = await db
		.selectFrom('users')
		.select(({ fn }) => fn.countAll<number>().as('n'))
		.executeTakeFirstOrThrow();
	return Number(r.n);
}

/** Every account's display name, for labels (statistics grouped by reporter). */
export async function listUserNames(db: Db): Promise<{ id: number; display_name: string }[]> {
	return db.selectFrom('users').select(['id', 'display_name']).execute();
}

/** Accounts for the admin's list: newest first within each role; no password hashes leave here. */
export async function listAccounts(db: Db, f: { role?: string; active?: boolean; q?: string }) {
	let q = db
		.selectFrom('users')
		.leftJoin('departments', 'departments.id', 'users.department_id')
		.leftJoin('areas', 'areas.id', 'users.area_id')
		.leftJoin('communities', 'communities.id', 'users.community_id')
		.select([
			'users.id',
			'users.username',
			'users.display_name',
			'users.role',
			'users.active',
			'users.must_change_password',
			'users.created_at',
			'users.department_id',
			'users.area_id',
			'users.community_id',
			'departments.name as department_name',
			'areas.name as area_name',
			'communities.name as community_name'
		]);
	if (f.role) q = q.where('users.role', '=', f.role);
	if (f.active !== undefined) q = q.where('users.active', '=', f.active ? 1 : 0);
	if (f.q) {
		const text = f.q;
		q = q.where((eb) =>
			eb.or([contains(eb.ref('users.username'), text), contains(eb.ref('users.display_name'), text)])
		);
	}
	return q.orderBy('users.role').orderBy('users.id').execute();
}

export async function getAccount(db: Db, id: number) {
	return db
		.selectFrom('users')
		.select([
			'id',
			'username',
			'display_name',
			'role',
			'active',
			'must_change_password',
			'created_at',
			'department_id',
			'area_id',
			'community_id'
		])
		.where('id', '=', id)
		.executeTakeFirst();
}

export async function countActiveAdmins(db: Db): Promise<number> {
	const r = await db
		.selectFrom('users')
		.select(({ fn }) => fn.countAll<number>().as('n'))
		.where('role', '=', 'admin')
		.where('active', '=', 1)
		.executeTakeFirstOrThrow();
	return Number(r.n);
}

export async function updateUser(db: Db, id: number, changes: Updateable<UserTable>): Promise<void> {
	await db.updateTable('users').set(changes).where('id', '=', id).execute();
}

/** What a password change checks against. */
export const findCredentials = (db: Db, id: number) =>
	db.selectFrom('users').select(['username', 'password_hash']).where('id', '=', id).executeTakeFirst();

/** Ends every session of the user but the one given (the one that changed the password). */
export async function deleteOtherSessions(db: Db, userId: number, keepSessionId: string): Promise<void> {
	await db.deleteFrom('sessions').where('user_id', '=', userId).where('id', '!=', keepSessionId).execute();
}
