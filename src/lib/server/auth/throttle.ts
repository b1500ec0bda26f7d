import type { Db } from '../db/create-database';
import { lockKey, transact } from '../db/transact';
import { deleteThrottleRows, findThrottleRows, saveThrottleRow } from '../repositories/login-throttle';

// Sign-in throttling that hurts the guesser, not the owner (OWASP Authentication Cheat Sheet):
// - this account from this client address: 5 free failures, then locked for a growing while
//   (1 min, doubling, at most 30 min) — only that address; the owner elsewhere is not locked;
// - this client address, any account: 50 free failures, then locked likewise (one office behind
//   one NAT address is not locked by a single colleague's typos);
// - this account, any address: past 20 failures each further attempt waits a short while (1 s,
//   doubling, at most 15 s) — it slows a guesser spread over many addresses. Kept up, it would keep
//   the account closed to everyone, so it does not apply to a client the account has signed in from
//   before (its browser's device cookie, or its address: known-clients.ts): the owner gets in.
// An attempt is reserved (counted as a failure) before the password is checked, in one transaction
// with the check of every limit, so parallel guesses cannot all slip past the limit; a correct
// password then gives the reservation back. With several app servers on PostgreSQL each transaction
// first holds its keys (lockKey, in key order), so guesses on the same keys take turns reading and
// writing the counters, the first failure of a key too, whose row does not exist yet to be locked.
export interface ThrottleRule {
	key: string;
	freeFailures: number;
	baseMs: number;
	maxMs: number;
}
const WINDOW_MS = 60 * 60_000;
const LOCK = { baseMs: 60_000, maxMs: 30 * 60_000 };
const DELAY = { baseMs: 1_000, maxMs: 15_000 };

export function signInRules(username: string, clientAddress: string): ThrottleRule[] {
	const user = username.toLowerCase();
	return [
		{ key: `pair:${user}|${clientAddress}`, freeFailures: 5, ...LOCK },
		{ key: `ip:${clientAddress}`, freeFailures: 50, ...LOCK },
		{ key: `user:${user}`, freeFailures: 20, ...DELAY }
	];
}

/** The rules for a client the account has signed in from before: without the account-wide one. */
export const forKnownClient = (rules: ThrottleRule[]): ThrottleRule[] =>
	rules.filter((r) => !r.key.startsWith('user:'));

/** How long a key is closed after its `failures`-th failure (0: still free). */
export function closedForMs(rule: ThrottleRule, failures: number): number {
	return failures >= rule.freeFailures ? Math.min(rule.maxMs, rule.baseMs * 2 ** (failures - rule.freeFailures)) : 0;
}

/** Holds the rules' keys until the transaction ends; always in the same order, so two holders never wait on each other. */
async function holdKeys(trx: Db, rules: ThrottleRule[]): Promise<void> {
	for (const key of rules.map((r) => r.key).sort()) await lockKey(trx, `login-throttle:${key}`);
}

export type Reservation = { ok: true } | { ok: false; until: number };

/** Counts this attempt against every rule, unless one of them is closed now (then nothing is counted). */
export async function reserveAttempt(db: Db, rules: ThrottleRule[], now: number): Promise<Reservation> {
	return transact(db, async (trx): Promise<Reservation> => {
		await holdKeys(trx, rules);
		const rows = await findThrottleRows(
			trx,
			rules.map((r) => r.key)
		);
		const byKey = new Map(rows.map((r) => [r.key, r]));
		const until = Math.max(0, ...rows.map((r) => r.locked_until ?? 0));
		if (until > now) return { ok: false, until };
		for (const rule of rules) {
			const row = byKey.get(rule.key);
			const fresh = !row || now - row.first_failure_at > WINDOW_MS;
			const failures = fresh ? 1 : row.failures + 1;
			const closedMs = closedForMs(rule, failures);
			const values = {
				failures,
				first_failure_at: fresh ? now : row.first_failure_at,
				locked_until: closedMs ? now + closedMs : null
			};
			await saveThrottleRow(trx, rule.key, values);
		}
		return { ok: true };
	});
}

/**
 * The password was right: the account's own keys are cleared (the owner proved it), the address
 * gets its reserved attempt back, so colleagues signing in behind one address never add up.
 */
export async function releaseAttempt(db: Db, rules: ThrottleRule[]): Promise<void> {
	const [pair, address, account] = rules;
	await transact(db, async (trx) => {
		await holdKeys(trx, rules);
		await deleteThrottleRows(trx, [pair.key, account.key]);
		const [row] = await findThrottleRows(trx, [address.key]);
		if (!row) return;
		const failures = Math.max(0, row.failures - 1);
		if (failures === 0) await deleteThrottleRows(trx, [address.key]);
		else
			await saveThrottleRow(trx, address.key, {
				failures,
				first_failure_at: row.first_failure_at,
				locked_until: closedForMs(address, failures) ? row.locked_until : null
			});
	});
}
