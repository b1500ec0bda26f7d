import type { Db } from '../db/create-database';

// Repeated failed sign-ins lock the key (username, and separately the client address) for a
// growing while: 5 failures → 1 min, then doubling, at most 30 min. A success clears it.
const FREE_FAILURES = 5;
const BASE_LOCK_MS = 60_000;
const MAX_LOCK_MS = 30 * 60_000;
const WINDOW_MS = 60 * 60_000;

export async function lockedUntil(db: Db, keys: string[], now: number): Promise<number | null> {
	const rows = await db.selectFrom('login_throttle').select('locked_until').where('key', 'in', keys).execute();
	const until = Math.max(0, ...rows.map((r) => r.locked_until ?? 0));
	return until > now ? until : null;
}

export async function recordFailure(db: Db, keys: string[], now: number): Promise<void> {
	for (const key of keys) {
		const row = await db.selectFrom('login_throttle').selectAll().where('key', '=', key).executeTakeFirst();
		const fresh = !row || now - row.first_failure_at > WINDOW_MS;
		const failures = fresh ? 1 : row.failures + 1;
		const lockMs = failures >= FREE_FAILURES ? Math.min(MAX_LOCK_MS, BASE_LOCK_MS * 2 ** (failures - FREE_FAILURES)) : 0;
		const values = { failures, first_failure_at: fresh ? now : row.first_failure_at, locked_until: lockMs ? now + lockMs : null };
		await db
			.insertInto('login_throttle')
			.values({ key, ...values })
			.onConflict((oc) => oc.column('key').doUpdateSet(values))
			.execute();
	}
}

export async function clearFailures(db: Db, keys: string[]): Promise<void> {
	await db.deleteFrom('login_throttle').where('key', 'in', keys).execute();
}
