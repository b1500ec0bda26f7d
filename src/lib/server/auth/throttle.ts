import type { Db } from '../db/create-database';

// Repeated failed sign-ins lock a key for a growing while: past its free failures → 1 min, then
// doubling, at most 30 min. A success clears the account's key. The account is locked after a
// few failures; a client address only after many, so one office behind one NAT address is not
// locked out by a single colleague's typos.
export interface ThrottleKey {
	key: string;
	freeFailures: number;
}
const BASE_LOCK_MS = 60_000;
const MAX_LOCK_MS = 30 * 60_000;
const WINDOW_MS = 60 * 60_000;

export function signInKeys(username: string, clientAddress: string): ThrottleKey[] {
	return [
		{ key: `user:${username.toLowerCase()}`, freeFailures: 5 },
		{ key: `ip:${clientAddress}`, freeFailures: 50 }
	];
}

export async function lockedUntil(db: Db, keys: ThrottleKey[], now: number): Promise<number | null> {
	const rows = await db
		.selectFrom('login_throttle')
		.select('locked_until')
		.where('key', 'in', keys.map((k) => k.key))
		.execute();
	const until = Math.max(0, ...rows.map((r) => r.locked_until ?? 0));
	return until > now ? until : null;
}

/** Counts one failure per key; read and write in one transaction so parallel attempts all count. */
export async function recordFailure(db: Db, keys: ThrottleKey[], now: number): Promise<void> {
	await db.transaction().execute(async (trx) => {
		for (const { key, freeFailures } of keys) {
			const row = await trx.selectFrom('login_throttle').selectAll().where('key', '=', key).executeTakeFirst();
			const fresh = !row || now - row.first_failure_at > WINDOW_MS;
			const failures = fresh ? 1 : row.failures + 1;
			const lockMs = failures >= freeFailures ? Math.min(MAX_LOCK_MS, BASE_LOCK_MS * 2 ** (failures - freeFailures)) : 0;
			const values = { failures, first_failure_at: fresh ? now : row.first_failure_at, locked_until: lockMs ? now + lockMs : null };
			await trx
				.insertInto('login_throttle')
				.values({ key, ...values })
				.onConflict((oc) => oc.column('key').doUpdateSet(values))
				.execute();
		}
	});
}

export async function clearFailures(db: Db, keys: ThrottleKey[]): Promise<void> {
	await db.deleteFrom('login_throttle').where('key', 'in', keys.map((k) => k.key)).execute();
}
