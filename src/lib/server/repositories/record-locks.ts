// Holding records still while a transaction reads and then writes them, for PostgreSQL's many
// writers: SELECT … FOR UPDATE of the rows, in id order (two writers locking the same records then
// queue instead of deadlocking, and if they do deadlock PostgreSQL gives one up and transact()
// runs it again). On SQLite nothing is run: the transaction holds the only write lock already.
import type { Db } from '../db/create-database';
import { locksRows } from '../db/transact';

export type RecordTable = 'cases' | 'hotline_orders' | 'enforcement_cases';

/** Comfortably under PostgreSQL's limit of bound parameters in one statement. */
const CHUNK = 1_000;

/** Locks the rows of `ids` in `table` until the transaction ends (rows that do not exist are skipped). */
export async function lockRecords(trx: Db, table: RecordTable, ids: readonly number[]): Promise<void> {
	if (!ids.length || !locksRows(trx)) return;
	if (!trx.isTransaction) throw new Error(`lockRecords(${table}): call inside the transaction that writes them`);
	const sorted = [...new Set(ids)].sort((a, b) => a - b);
	for (let i = 0; i < sorted.length; i += CHUNK)
		await trx
			.selectFrom(table)
			.select('id')
			.where('id', 'in', sorted.slice(i, i + CHUNK))
			.orderBy('id')
			.forUpdate()
			.execute();
}
