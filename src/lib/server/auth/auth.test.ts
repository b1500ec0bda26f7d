import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../test-db';
import { dummyPasswordHash, hashPassword, verifyPassword } from './password';
import { SESSION_LIFETIME_MS, createSession, invalidateSession, invalidateUserSessions, validateSessionToken } from './session';
import { clearFailures, lockedUntil, recordFailure, signInKeys, type ThrottleKey } from './throttle';

const NOW = Date.parse('2025-09-30T09:00:00+08:00');
const HOUR = 3_600_000;
let t: TestDb;
let userId: number;

beforeAll(async () => {
	t = await createTestDb();
	userId = t.users.get('wangge')!;
});
afterAll(async () => {
	await t.cleanup();
});

const sessionRow = (id: string) => t.db.selectFrom('sessions').selectAll().where('id', '=', id).executeTakeFirst();

describe('sessions', () => {
	it('round trip: the token finds its session and user', async () => {
		const { token, session } = await createSession(t.db, userId, NOW);
		expect(token).toMatch(/^[a-z2-7]+\.[a-z2-7]+$/);
		expect(session).toEqual({ id: token.split('.')[0], userId, expiresAt: NOW + SESSION_LIFETIME_MS });
		const v = await validateSessionToken(t.db, token, NOW + HOUR);
		expect(v?.session).toEqual(session);
		expect(v?.user).toMatchObject({ id: userId, username: 'wangge', role: 'grid_worker' });
		expect(v?.user).not.toHaveProperty('password_hash');
	});

	it('stores only SHA-256 of the secret, never the secret itself', async () => {
		const { token } = await createSession(t.db, userId, NOW);
		const [id, secret] = token.split('.');
		const row = (await sessionRow(id))!;
		expect(row.secret_hash).toBe(createHash('sha256').update(secret).digest('hex'));
		const all = JSON.stringify(await t.db.selectFrom('sessions').selectAll().execute());
		expect(all).not.toContain(secret);
		expect(all).not.toContain(token);
	});

	it('a token with the wrong secret (same length, same id) is refused and the session survives', async () => {
		const { token } = await createSession(t.db, userId, NOW);
		const [id, secret] = token.split('.');
		const wrong = secret.slice(0, -1) + (secret.endsWith('a') ? 'b' : 'a');
		expect(await validateSessionToken(t.db, `${id}.${wrong}`, NOW)).toBeNull();
		expect(await validateSessionToken(t.db, `${id}.${secret}x`, NOW)).toBeNull();
		expect(await sessionRow(id)).toBeDefined();
		expect(await validateSessionToken(t.db, token, NOW)).not.toBeNull();
	});

	it.each(['', 'a', 'a.', '.b', 'a.b', 'a.b.c', '...', 'nosuchid.nosuchsecret'])('malformed or unknown token %j → null', async (token) => {
		expect(await validateSessionToken(t.db, token, NOW)).toBeNull();
	});

	it('an expired session → null, and its row is deleted', async () => {
		const { token, session } = await createSession(t.db, userId, NOW);
		expect(await validateSessionToken(t.db, token, session.expiresAt)).toBeNull();
		expect(await sessionRow(session.id)).toBeUndefined();
		expect(await validateSessionToken(t.db, token, NOW)).toBeNull();
	});

	it('sliding expiry: unchanged while more than half remains, renewed when less does', async () => {
		const { token, session } = await createSession(t.db, userId, NOW);
		const early = NOW + SESSION_LIFETIME_MS / 2 - 1; // just over half left
		expect((await validateSessionToken(t.db, token, early))?.session.expiresAt).toBe(session.expiresAt);
		expect((await sessionRow(session.id))?.expires_at).toBe(session.expiresAt);

		const late = NOW + SESSION_LIFETIME_MS / 2 + HOUR; // less than half left
		expect((await validateSessionToken(t.db, token, late))?.session.expiresAt).toBe(late + SESSION_LIFETIME_MS);
		expect((await sessionRow(session.id))?.expires_at).toBe(late + SESSION_LIFETIME_MS);
		// still valid after the original expiry, because it was renewed
		expect(await validateSessionToken(t.db, token, session.expiresAt + HOUR)).not.toBeNull();
	});

	it('a deactivated user loses the session', async () => {
		const id = t.users.get('wangge3')!;
		const { token, session } = await createSession(t.db, id, NOW);
		await t.db.updateTable('users').set({ active: 0 }).where('id', '=', id).execute();
		expect(await validateSessionToken(t.db, token, NOW)).toBeNull();
		expect(await sessionRow(session.id)).toBeUndefined();
	});

	it('sign-out removes one session; invalidateUserSessions removes all of a user', async () => {
		const id = t.users.get('wangge2')!;
		const a = await createSession(t.db, id, NOW);
		const b = await createSession(t.db, id, NOW);
		const other = await createSession(t.db, t.users.get('diaodu')!, NOW);
		await invalidateSession(t.db, a.session.id);
		expect(await validateSessionToken(t.db, a.token, NOW)).toBeNull();
		expect(await validateSessionToken(t.db, b.token, NOW)).not.toBeNull();
		await invalidateUserSessions(t.db, id);
		expect(await validateSessionToken(t.db, b.token, NOW)).toBeNull();
		expect(await validateSessionToken(t.db, other.token, NOW)).not.toBeNull();
	});
});

describe('passwords', () => {
	it('hashes with argon2id and verifies only the right password', async () => {
		const hash = await hashPassword('correct horse battery');
		expect(hash.startsWith('$argon2id$')).toBe(true);
		expect(hash).not.toContain('correct horse battery');
		expect(await verifyPassword(hash, 'correct horse battery')).toBe(true);
		expect(await verifyPassword(hash, 'correct horse batterY')).toBe(false);
		expect(await hashPassword('correct horse battery')).not.toBe(hash); // salted
	});

	it('a broken hash verifies nothing instead of throwing', async () => {
		expect(await verifyPassword('not-a-hash', 'anything')).toBe(false);
		expect(await verifyPassword('', '')).toBe(false);
	});

	it('the demo users are stored with argon2id hashes; the dummy hash is stable and argon2id', async () => {
		const rows = await t.db.selectFrom('users').select('password_hash').execute();
		expect(rows.every((r) => r.password_hash.startsWith('$argon2id$'))).toBe(true);
		const dummy = await dummyPasswordHash();
		expect(dummy.startsWith('$argon2id$')).toBe(true);
		expect(await dummyPasswordHash()).toBe(dummy);
	});
});

describe('login throttle', () => {
	const keys = signInKeys('wangge', '10.0.0.1');
	const one = (key: string): ThrottleKey[] => [{ key, freeFailures: 5 }];

	it('4 failures do not lock; the 5th locks the account for a minute, not the whole address', async () => {
		for (let i = 0; i < 4; i++) await recordFailure(t.db, keys, NOW + i * 1000);
		expect(await lockedUntil(t.db, keys, NOW + 4000)).toBeNull();
		await recordFailure(t.db, keys, NOW + 5000);
		const until = await lockedUntil(t.db, keys, NOW + 5000);
		expect(until).toBe(NOW + 5000 + 60_000);
		// A colleague behind the same address still signs in.
		expect(await lockedUntil(t.db, signInKeys('wangge2', '10.0.0.1'), NOW + 5000)).toBeNull();
		expect(await lockedUntil(t.db, keys, until!)).toBeNull(); // the lock runs out by itself
	});

	it('an address is locked only after many failures across accounts', async () => {
		for (let i = 0; i < 49; i++) await recordFailure(t.db, signInKeys(`guess${i}`, '10.9.9.9'), NOW);
		expect(await lockedUntil(t.db, signInKeys('fresh', '10.9.9.9'), NOW)).toBeNull();
		await recordFailure(t.db, signInKeys('guess49', '10.9.9.9'), NOW);
		expect(await lockedUntil(t.db, signInKeys('fresh', '10.9.9.9'), NOW)).not.toBeNull();
	});

	it('parallel failures are all counted', async () => {
		const key = one('user:parallel');
		await Promise.all(Array.from({ length: 5 }, () => recordFailure(t.db, key, NOW)));
		expect(await lockedUntil(t.db, key, NOW)).not.toBeNull();
	});

	it('further failures double the lock, up to 30 minutes', async () => {
		const key = one('user:doubling');
		const locks: number[] = [];
		for (let i = 1; i <= 12; i++) {
			await recordFailure(t.db, key, NOW);
			if (i >= 5) locks.push((await lockedUntil(t.db, key, NOW))! - NOW);
		}
		expect(locks.map((ms) => ms / 60_000)).toEqual([1, 2, 4, 8, 16, 30, 30, 30]);
	});

	it('failures older than an hour start a fresh count', async () => {
		const key = one('user:slow');
		for (let i = 0; i < 4; i++) await recordFailure(t.db, key, NOW);
		await recordFailure(t.db, key, NOW + HOUR + 1);
		expect(await lockedUntil(t.db, key, NOW + HOUR + 1)).toBeNull();
	});

	it('clearFailures unlocks', async () => {
		const key = one('user:cleared');
		for (let i = 0; i < 5; i++) await recordFailure(t.db, key, NOW);
		expect(await lockedUntil(t.db, key, NOW)).not.toBeNull();
		await clearFailures(t.db, key);
		expect(await lockedUntil(t.db, key, NOW)).toBeNull();
		await recordFailure(t.db, key, NOW); // and the count starts over
		expect(await lockedUntil(t.db, key, NOW)).toBeNull();
	});
});
