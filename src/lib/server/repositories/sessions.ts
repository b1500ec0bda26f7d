// Sign-in sessions: only the SHA-256 of each session's secret is stored (auth/session.ts makes and
// checks tokens); a session is read together with its user.
import type { Db } from '../db/create-database';

export async function insertSession(
	db: Db,
	s: { id: string; secretHash: string; userId: number; createdAt: number; expiresAt: number }
): Promise<void> {
	await db
		.insertInto('sessions')
		.values({
			id: s.id,
			secret_hash: s.secretHash,
			user_id: s.userId,
			created_at: s.createdAt,
			expires_at: s.expiresAt
		})
		.execute();
}

/** The session with the user it belongs to (active or not: the caller decides). */
export const findSessionWithUser = (db: Db, id: string) =>
	db
		.selectFrom('sessions')
		.innerJoin('users', 'users.id', 'sessions.user_id')
		.select([
			'sessions.id',
			'sessions.secret_hash',
			'sessions.expires_at',
			'users.id as user_id',
			'users.username',
			'users.display_name',
			'users.role',
			'users.department_id',
			'users.area_id',
			'users.community_id',
			'users.active',
			'users.must_change_password'
		])
		.where('sessions.id', '=', id)
		.executeTakeFirst();

export async function setSessionExpiry(db: Db, id: string, expiresAt: number): Promise<void> {
	await db.updateTable('sessions').set({ expires_at: expiresAt }).where('id', '=', id).execute();
}

export async function deleteSession(db: Db, id: string): Promise<void> {
	await db.deleteFrom('sessions').where('id', '=', id).execute();
}

export async function deleteUserSessions(db: Db, userId: number): Promise<void> {
	await db.deleteFrom('sessions').where('user_id', '=', userId).execute();
}
