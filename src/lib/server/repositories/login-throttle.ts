// The sign-in throttle's counters, one row per key (account and address, address, account); the
// rules that read and move them are in auth/throttle.ts.
import type { Db } from '../db/create-database';

export interface ThrottleCounter {
	failures: number;
	first_failure_at: number;
	locked_until: number | null;
}

export const findThrottleRows = (db: Db, keys: string[]) =>
	db.selectFrom('login_throttle').selectAll().where('key', 'in', keys).execute();

export async function saveThrottleRow(db: Db, key: string, counter: ThrottleCounter): Promise<void> {
	await db
		.insertInto('login_throttle')
		.values({ key, ...counter })
		.onConflict((oc) => oc.column('key').doUpdateSet(counter))
		.execute();
}

export async function deleteThrottleRows(db: Db, keys: string[]): Promise<void> {
	await db.deleteFrom('login_throttle').where('key', 'in', keys).execute();
}
