// Transactions for many writers. On SQLite one writer at a time holds the whole database from BEGIN
// IMMEDIATE to COMMIT, so a transaction that reads and then writes sees nothing change in between.
// PostgreSQL lets writers run side by side; these helpers give the app's transactions the same
// footing there, and compile to nothing extra on SQLite (whose single writer already gives it).
import { sql } from 'kysely';
import { retryConflicts } from './busy';
import type { Db } from './create-database';
import { isPostgres } from './postgres';

export interface TransactOptions {
	/**
	 * For a decision over rows that may not exist yet or over a whole set (a count, "is this year
	 * on file"), which row locks cannot hold still: PostgreSQL runs it SERIALIZABLE and refuses one
	 * of two transactions whose reads and writes cross; that one runs again and sees the other's.
	 */
	serializable?: boolean;
}

/**
 * Runs `fn` in the caller's transaction, or in a new one that is run again whole when PostgreSQL
 * gives it up for a serialization failure or a deadlock (the user never sees those). `fn` must not
 * do anything outside the database that a second run would repeat.
 */
export function transact<R>(db: Db, fn: (trx: Db) => Promise<R>, opts: TransactOptions = {}): Promise<R> {
	if (db.isTransaction) return fn(db);
	// SQLite's driver begins every writing transaction IMMEDIATE, whatever the level asked.
	const begin = opts.serializable ? db.transaction().setIsolationLevel('serializable') : db.transaction();
	return retryConflicts(() => begin.execute(fn));
}

/**
 * Holds `key` (any string: a sealed chain, a series) until the transaction ends, so writers that
 * read-then-append to the same thing take turns. PostgreSQL: a transaction-scoped advisory lock;
 * SQLite: nothing to do, the transaction already holds the only write lock.
 */
export async function lockKey(trx: Db, key: string): Promise<void> {
	if (!trx.isTransaction) throw new Error(`lockKey(${key}): call inside the transaction it protects`);
	if (isPostgres(trx)) await sql`select pg_advisory_xact_lock(hashtextextended(${key}, 0))`.execute(trx);
}

/** Whether SELECT … FOR UPDATE is the way to hold rows: PostgreSQL (SQLite has no such clause, nor needs it). */
export const locksRows = (db: Db): boolean => isPostgres(db);
