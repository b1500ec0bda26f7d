import type { Db } from '../db/create-database';
import { dummyPasswordHash, verifyPassword } from '../auth/password';
import { createSession } from '../auth/session';
import { clientMarkers, isKnownClient, newDevice, rememberClient } from '../auth/known-clients';
import { forKnownClient, releaseAttempt, reserveAttempt, signInRules } from '../auth/throttle';
import { findUserByUsername } from '../repositories/users';

export type SignInResult =
	| { ok: true; token: string; expiresAt: number; device: string }
	| { ok: false; reason: 'invalid' | 'locked'; until?: number };

/** Who is asking: the client address, and the device cookie its browser sent (deviceFrom), if any. */
export interface SignInClient {
	address: string;
	device: string | null;
}

/**
 * Checks the password with the same work and the same answer whether the user is unknown,
 * disabled or typed a wrong password (a dummy hash is verified when there is none to check), after
 * reserving the attempt against the throttle (throttle.ts). A client the account signed in from
 * before is not held by the account-wide limit. A sign-in answers the device cookie to set (the one
 * sent, or a new one) and remembers the client for the account.
 */
export async function signIn(
	db: Db,
	username: string,
	password: string,
	client: SignInClient,
	now: number
): Promise<SignInResult> {
	const rules = signInRules(username, client.address);
	const markers = clientMarkers(client.address, client.device);
	const known = await isKnownClient(db, username, markers, now);
	const reserved = await reserveAttempt(db, known ? forKnownClient(rules) : rules, now);
	if (!reserved.ok) return { ok: false, reason: 'locked', until: reserved.until };
	const user = await findUserByUsername(db, username);
	const matches = await verifyPassword(user ? user.password_hash : await dummyPasswordHash(), password);
	if (!user || user.active !== 1 || !matches) return { ok: false, reason: 'invalid' };
	await releaseAttempt(db, rules);
	const device = client.device ?? newDevice();
	await rememberClient(db, user.id, clientMarkers(client.address, device), now);
	const { token, session } = await createSession(db, user.id, now);
	return { ok: true, token, expiresAt: session.expiresAt, device };
}
