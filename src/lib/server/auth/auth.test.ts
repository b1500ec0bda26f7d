import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../test-db';
import { dummyPasswordHash, hashPassword, verifyPassword } from './password';
import {
	SESSION_LIFETIME_MS,
	createSession,
	invalidateSession,
	invalidateUserSessions,
	validateSessionToken
} from './session';
import { releaseAttempt, reserveAttempt, signInRules, type ThrottleRule } from './throttle';

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

	it.each(['', 'a', 'a.', '.b', 'a.b', 'a.b.c', '...', 'nosuchid.nosuchsecret'])(
		'malformed or unknown token %j → null',
		async (token) => {
			expect(await validateSessionToken(t.db, token, NOW)).toBeNull();
		}
	);

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
	const rules = signInRules('wangge', '10.0.0.1');
	const one = (key: string): ThrottleRule[] => [{ key, freeFailures: 5, baseMs: 60_000, maxMs: 30 * 60_000 }];
	const reserveN = async (r: ThrottleRule[], n: number, at = NOW) => {
		const out: boolean[] = [];
		for (let i = 0; i < n; i++) out.push((await reserveAttempt(t.db, r, at)).ok);
		return out;
	};

	it('5 attempts from one address are checked, the 6th is refused for a minute — for that address only', async () => {
		expect(await reserveN(rules, 5)).toEqual([true, true, true, true, true]);
		expect(await reserveAttempt(t.db, rules, NOW)).toEqual({ ok: false, until: NOW + 60_000 });
		// The owner from another address, and a colleague behind the same address, still get checked.
		expect((await reserveAttempt(t.db, signInRules('wangge', '10.0.0.2'), NOW)).ok).toBe(true);
		expect((await reserveAttempt(t.db, signInRules('wangge2', '10.0.0.1'), NOW)).ok).toBe(true);
		expect((await reserveAttempt(t.db, rules, NOW + 60_000)).ok).toBe(true); // the lock runs out by itself
	});

	it('an address is closed only after many failures across accounts', async () => {
		for (let i = 0; i < 50; i++)
			expect((await reserveAttempt(t.db, signInRules(`guess${i}`, '10.9.9.9'), NOW)).ok).toBe(true);
		expect((await reserveAttempt(t.db, signInRules('fresh', '10.9.9.9'), NOW)).ok).toBe(false);
		expect((await reserveAttempt(t.db, signInRules('fresh', '10.9.9.8'), NOW)).ok).toBe(true);
	});

	it('an account guessed from many addresses is delayed a few seconds at a time, never locked', async () => {
		const from = (i: number) => signInRules('target', `10.1.${i >> 8}.${i & 255}`);
		for (let i = 0; i < 19; i++) expect((await reserveAttempt(t.db, from(i), NOW)).ok).toBe(true);
		expect(await reserveAttempt(t.db, from(19), NOW)).toEqual({ ok: true }); // the 20th is checked, then 1 s
		expect(await reserveAttempt(t.db, from(20), NOW)).toEqual({ ok: false, until: NOW + 1_000 });
		const waits: number[] = [];
		let at = NOW;
		for (let i = 21; i < 30; i++) {
			at += 15_000;
			expect((await reserveAttempt(t.db, from(i), at)).ok).toBe(true);
			const refused = await reserveAttempt(t.db, from(1000 + i), at);
			waits.push(refused.ok ? 0 : refused.until - at);
		}
		expect(waits).toEqual([2_000, 4_000, 8_000, 15_000, 15_000, 15_000, 15_000, 15_000, 15_000]);
	});

	it('40 parallel reservations let exactly 5 through', async () => {
		const r = signInRules('parallel', '10.2.2.2');
		const results = await Promise.all(Array.from({ length: 40 }, () => reserveAttempt(t.db, r, NOW)));
		expect(results.filter((x) => x.ok)).toHaveLength(5);
	});

	it('further failures double the lock, up to 30 minutes (an hour after the first failure the count starts over)', async () => {
		const key = one('pair:doubling');
		await reserveN(key, 5);
		const locks: number[] = [];
		let at = NOW;
		for (let i = 6; i <= 10; i++) {
			const refused = await reserveAttempt(t.db, key, at);
			at = (refused as { until: number }).until;
			expect((await reserveAttempt(t.db, key, at)).ok).toBe(true);
			locks.push(((await reserveAttempt(t.db, key, at)) as { until: number }).until - at);
		}
		expect(locks.map((ms) => ms / 60_000)).toEqual([2, 4, 8, 16, 30]);
	});

	it('failures older than an hour start a fresh count', async () => {
		const key = one('pair:slow');
		await reserveN(key, 4);
		expect(await reserveN(key, 4, NOW + HOUR + 1)).toEqual([true, true, true, true]);
	});

	it('a right password gives back the address its attempt and clears the account', async () => {
		const r = signInRules('owner', '10.3.3.3');
		await reserveN(r, 4);
		await releaseAttempt(t.db, r);
		const rows = await t.db
			.selectFrom('login_throttle')
			.selectAll()
			.where(
				'key',
				'in',
				r.map((x) => x.key)
			)
			.execute();
		expect(rows.map((x) => [x.key, x.failures])).toEqual([['ip:10.3.3.3', 3]]);
	});
});
