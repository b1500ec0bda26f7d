// Holding records still while a transaction reads and then writes them, for PostgreSQL's many
// writers: SELECT … FOR UPDATE of the rows, in id order (two writers locking the same records then
// queue instead of deadlocking, and if they do deadlock PostgreSQL gives one up and transact()
// runs it again). On SQLite nothing is run: the transaction holds the only write lock already.
import type { Db } from '../db/create-database';
import { locksRows } from '../db/transact';

export type RecordTable = 'cases' | 'hotline_orders' | 'enforcement_cases';

/** Comfortably under PostgreSQL's limit of bound parameters in one statement. */
const CHUNK = 1_000;

/** The rows each open transaction already holds ("table:id"): asking again costs no round trip. */
const held = new WeakMap<Db, Set<string>>();

/**
 * Locks the rows of `ids` in `table` until the transaction ends (rows that do not exist are skipped).
 * A row this transaction already locked (the unit of work before its snapshot, then the event chain
 * of the same record) is not asked for again.
 */
export async function lockRecords(trx: Db, table: RecordTable, ids: readonly number[]): Promise<void> {
	if (!ids.length || !locksRows(trx)) return;
	if (!trx.isTransaction) throw new Error(`lockRecords(${table}): call inside the transaction that writes them`);
	let mine = held.get(trx);
	if (!mine) held.set(trx, (mine = new Set()));
	const sorted = [...new Set(ids)].filter((id) => !mine.has(`${table}:${id}`)).sort((a, b) => a - b);
	for (let i = 0; i < sorted.length; i += CHUNK) {
		const chunk = sorted.slice(i, i + CHUNK);
		await trx.selectFrom(table).select('id').where('id', 'in', chunk).orderBy('id').forUpdate().execute();
		for (const id of chunk) mine.add(`${table}:${id}`);
	}
}
