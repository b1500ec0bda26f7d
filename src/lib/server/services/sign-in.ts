import type { Db } from '../db/create-database';
import { dummyPasswordHash, verifyPassword } from '../auth/password';
import { createSession } from '../auth/session';
import { releaseAttempt, reserveAttempt, signInRules } from '../auth/throttle';
import { findUserByUsername } from '../repositories/users';

export type SignInResult =
	{ ok: true; token: string; expiresAt: number } | { ok: false; reason: 'invalid' | 'locked'; until?: number };

/**
 * Checks the password with the same work and the same answer whether the user is unknown,
 * disabled or typed a wrong password (a dummy hash is verified when there is none to check), after
 * reserving the attempt against the throttle (throttle.ts).
 */
export async function signIn(
	db: Db,
	username: string,
	password: string,
	clientAddress: string,
	now: number
): Promise<SignInResult> {
	const rules = signInRules(username, clientAddress);
	const reserved = await reserveAttempt(db, rules, now);
	if (!reserved.ok) return { ok: false, reason: 'locked', until: reserved.until };
	const user = await findUserByUsername(db, username);
	const matches = await verifyPassword(user ? user.password_hash : await dummyPasswordHash(), password);
	if (!user || user.active !== 1 || !matches) return { ok: false, reason: 'invalid' };
	await releaseAttempt(db, rules);
	const { token, session } = await createSession(db, user.id, now);
	return { ok: true, token, expiresAt: session.expiresAt };
}
