import type { Db } from '../db/create-database';
import { dummyPasswordHash, verifyPassword } from '../auth/password';
import { createSession } from '../auth/session';
import { clearFailures, lockedUntil, recordFailure, signInKeys } from '../auth/throttle';
import { findUserByUsername } from '../repositories/users';

export type SignInResult =
	| { ok: true; token: string; expiresAt: number }
	| { ok: false; reason: 'invalid' | 'locked'; until?: number };

/** Checks the password (same work whether or not the user exists) and throttles repeated failures. */
export async function signIn(db: Db, username: string, password: string, clientAddress: string, now: number): Promise<SignInResult> {
	const keys = signInKeys(username, clientAddress);
	const until = await lockedUntil(db, keys, now);
	if (until) return { ok: false, reason: 'locked', until };
	const user = await findUserByUsername(db, username);
	const valid = user
		? user.active === 1 && (await verifyPassword(user.password_hash, password))
		: (await verifyPassword(await dummyPasswordHash(), password)) && false;
	if (!user || !valid) {
		await recordFailure(db, keys, now);
		return { ok: false, reason: 'invalid' };
	}
	await clearFailures(db, [keys[0]]);
	const { token, session } = await createSession(db, user.id, now);
	return { ok: true, token, expiresAt: session.expiresAt };
}
