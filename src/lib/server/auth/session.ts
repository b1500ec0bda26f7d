import { sha256 } from '@oslojs/crypto/sha2';
import { constantTimeEqual } from '@oslojs/crypto/subtle';
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding';
import type { Db } from '../db/create-database';
import type { UserRow } from '../db/schema';
import {
	deleteSession,
	deleteUserSessions,
	findSessionWithUser,
	insertSession,
	setSessionExpiry
} from '../repositories/sessions';

// Sessions as the Lucia guide describes: token `id.secret`, only SHA-256(secret) stored,
// constant-time comparison, sliding expiry.
export const SESSION_COOKIE = 'gc_session';
export const SESSION_LIFETIME_MS = 12 * 60 * 60 * 1000; // a working shift and a half
const REFRESH_WHEN_LEFT_MS = SESSION_LIFETIME_MS / 2;

export type SessionUser = Pick<
	UserRow,
	'id' | 'username' | 'display_name' | 'role' | 'department_id' | 'area_id' | 'community_id' | 'must_change_password'
>;
export interface Session {
	id: string;
	userId: number;
	expiresAt: number;
}

/** 20 random bytes as 32 base32 characters (session ids and secrets, device cookies). */
export function randomString(): string {
	const bytes = new Uint8Array(20);
	crypto.getRandomValues(bytes);
	return encodeBase32LowerCaseNoPadding(bytes);
}

export function hashSecret(secret: string): string {
	return encodeHexLowerCase(sha256(new TextEncoder().encode(secret)));
}

export async function createSession(db: Db, userId: number, now: number): Promise<{ token: string; session: Session }> {
	const id = randomString();
	const secret = randomString();
	const session = { id, userId, expiresAt: now + SESSION_LIFETIME_MS };
	await insertSession(db, { id, secretHash: hashSecret(secret), userId, createdAt: now, expiresAt: session.expiresAt });
	return { token: `${id}.${secret}`, session };
}

/** Returns the session and its (active) user, extending the session when half of it is used. */
export async function validateSessionToken(
	db: Db,
	token: string,
	now: number
): Promise<{ session: Session; user: SessionUser } | null> {
	const [id, secret, extra] = token.split('.');
	if (!id || !secret || extra !== undefined) return null;
	const row = await findSessionWithUser(db, id);
	if (!row) return null;
	const given = new TextEncoder().encode(hashSecret(secret));
	const stored = new TextEncoder().encode(row.secret_hash);
	if (!constantTimeEqual(given, stored)) return null;
	if (row.expires_at <= now || !row.active) {
		await invalidateSession(db, id);
		return null;
	}
	let expiresAt = row.expires_at;
	if (expiresAt - now < REFRESH_WHEN_LEFT_MS) {
		expiresAt = now + SESSION_LIFETIME_MS;
		await setSessionExpiry(db, id, expiresAt);
	}
	return {
		session: { id, userId: row.user_id, expiresAt },
		user: {
			id: row.user_id,
			username: row.username,
			display_name: row.display_name,
			role: row.role,
			department_id: row.department_id,
			area_id: row.area_id,
			community_id: row.community_id,
			must_change_password: row.must_change_password
		}
	};
}

export async function invalidateSession(db: Db, sessionId: string): Promise<void> {
	await deleteSession(db, sessionId);
}

export async function invalidateUserSessions(db: Db, userId: number): Promise<void> {
	await deleteUserSessions(db, userId);
}
