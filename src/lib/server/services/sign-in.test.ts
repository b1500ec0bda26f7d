import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestDb, type TestDb } from '../test-db';

// Every password check is counted: the throttle must bound them, and unknown or disabled accounts
// must cost the same check (against the dummy hash) as a wrong password.
vi.mock('../auth/password', async (importOriginal) => {
	const actual = await importOriginal<typeof import('../auth/password')>();
	return { ...actual, verifyPassword: vi.fn(actual.verifyPassword) };
});
const { verifyPassword, dummyPasswordHash } = await import('../auth/password');
const { signIn } = await import('./sign-in');
const verify = vi.mocked(verifyPassword);

const NOW = Date.parse('2026-11-30T09:00:00+08:00');
const DEMO = 'gridcase-demo';
let t: TestDb;
beforeAll(async () => {
	t = await createTestDb();
	await t.db.updateTable('users').set({ active: 0 }).where('username', '=', 'wangge3').execute();
});
afterAll(() => t.cleanup());

describe('signIn', () => {
	it('an account under a stream of wrong passwords from one address still signs in from another', async () => {
		const answers = [];
		for (let i = 0; i < 30; i++)
			answers.push(
				(await signIn(t.db, 'wangge', `guess-${i}`, { address: '203.0.113.9', device: null }, NOW + i * 1000)).ok ===
					false
			);
		expect(answers.every(Boolean)).toBe(true);
		expect(await signIn(t.db, 'wangge', DEMO, { address: '203.0.113.9', device: null }, NOW + 31_000)).toMatchObject({
			ok: false,
			reason: 'locked'
		});
		expect(await signIn(t.db, 'wangge', DEMO, { address: '198.51.100.7', device: null }, NOW + 31_000)).toMatchObject({
			ok: true
		});
	});

	it('guesses spread over many addresses close the account to new places, not to its owner’s browser or usual address', async () => {
		const usual = { address: '198.51.100.45', device: null };
		const first = await signIn(t.db, 'wuye', DEMO, usual, NOW);
		if (!first.ok) throw new Error('the owner could not sign in at first');
		let at = NOW + 1_000;
		/** 80 wrong passwords from 20 addresses, 2 a second: how many were refused unchecked. */
		const attack = async () => {
			let locked = 0;
			for (let i = 0; i < 80; i++, at += 500) {
				const r = await signIn(t.db, 'wuye', `guess-${i}`, { address: `100.65.0.${i % 20}`, device: null }, at);
				if (!r.ok && r.reason === 'locked') locked++;
			}
			return locked;
		};
		expect(await attack()).toBeGreaterThan(0); // the account-wide limit holds the guesser back
		const newPlace = { address: '203.0.113.200', device: null };
		expect(await signIn(t.db, 'wuye', DEMO, newPlace, at)).toMatchObject({ ok: false, reason: 'locked' });
		const forged = { address: '203.0.113.201', device: 'a'.repeat(32) };
		expect(await signIn(t.db, 'wuye', DEMO, forged, at)).toMatchObject({ ok: false, reason: 'locked' });
		// The owner, from a new address with the browser's device cookie.
		const travelling = { address: '203.0.113.202', device: first.device };
		expect(await signIn(t.db, 'wuye', DEMO, travelling, at)).toMatchObject({ ok: true, device: first.device });
		// And, the attack going on again, from the usual address without the cookie (another browser).
		expect(await attack()).toBeGreaterThan(0);
		expect(await signIn(t.db, 'wuye', DEMO, newPlace, at)).toMatchObject({ ok: false, reason: 'locked' });
		expect(await signIn(t.db, 'wuye', DEMO, usual, at)).toMatchObject({ ok: true });
	});

	it('40 parallel guesses from one address check at most 5 passwords', async () => {
		verify.mockClear();
		const results = await Promise.all(
			Array.from({ length: 40 }, (_, i) =>
				signIn(t.db, 'wangge2', `guess-${i}`, { address: '203.0.113.10', device: null }, NOW)
			)
		);
		expect(verify.mock.calls.length).toBeLessThanOrEqual(5);
		expect(results.filter((r) => !r.ok && r.reason === 'invalid')).toHaveLength(verify.mock.calls.length);
		expect(results.filter((r) => !r.ok && r.reason === 'locked')).toHaveLength(40 - verify.mock.calls.length);
	});

	it('an unknown user, a disabled user and a wrong password get the same answer after the same password check', async () => {
		const dummy = await dummyPasswordHash();
		verify.mockClear();
		const unknown = await signIn(t.db, 'nobody', DEMO, { address: '192.0.2.1', device: null }, NOW);
		const disabled = await signIn(t.db, 'wangge3', DEMO, { address: '192.0.2.1', device: null }, NOW);
		const wrong = await signIn(t.db, 'diaodu', 'not-the-password', { address: '192.0.2.1', device: null }, NOW);
		expect([unknown, disabled, wrong]).toEqual([
			{ ok: false, reason: 'invalid' },
			{ ok: false, reason: 'invalid' },
			{ ok: false, reason: 'invalid' }
		]);
		expect(verify.mock.calls.map(([hash]) => hash === dummy)).toEqual([true, false, false]);
		expect(verify).toHaveBeenCalledTimes(3);
	});
});
