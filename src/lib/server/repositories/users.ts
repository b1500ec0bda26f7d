import type { Db } from '../db/create-database';

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
	const r = await db.selectFrom('users').select(({ fn }) => fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
	return Number(r.n);
}

/** Every account's display name, for labels (statistics grouped by reporter). */
export async function listUserNames(db: Db): Promise<{ id: number; display_name: string }[]> {
	return db.selectFrom('users').select(['id', 'display_name']).execute();
}
