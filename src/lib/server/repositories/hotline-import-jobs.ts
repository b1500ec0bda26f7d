// The database side of a running 12345 import job: the connection and SQLite handle its bulk write
// uses, and the patience its own bookkeeping needs while another process writes.
import { retryWhileBusy, sayWhenWaiting } from '../db/busy';
import { onOwnConnection, sqliteHandle, type Db } from '../db/create-database';
import type { SqliteDatabase } from './hotline-order-writes';

/** A bulk write: `work` writes through `own` and the SQLite handle of that same connection. */
export type BulkWrite = <T>(work: (own: Db, sqlite: SqliteDatabase) => Promise<T>) => Promise<T>;

/**
 * SQLite only: runs a bulk write on a connection of its own, so `db`'s reads go on while it writes
 * (its writes wait for the commit), and runs it again whole if another process holds the database
 * too long. Null on any other dialect: the caller then writes through Kysely.
 */
export function bulkWriter(db: Db, importId: number): BulkWrite | null {
	const sqlite = sqliteHandle(db);
	if (!sqlite) return null;
	return (work) =>
		whenFree(importId, () =>
			onOwnConnection(db, (own) => {
				const handle = sqliteHandle(own) ?? sqlite;
				// The orders' seven indexes outgrow SQLite's default 2 MB page cache within a few thousand
				// rows; past that every insert reads pages back (100,000 orders: 3.1 s of writing → 2.3 s).
				if (handle !== sqlite) {
					handle.pragma(`cache_size = -${BULK_CACHE_KIB}`);
					// Its commit does not copy the WAL into the file (a tenth of a second of this thread for
					// 100,000 orders): the import worker does it afterwards (bulkFile, checkpointLater).
					handle.pragma('wal_autocheckpoint = 0');
				}
				return work(own, handle);
			})
		);
}

/** SQLite's file, whose WAL a bulk write left for another thread to copy in (null in memory or on PostgreSQL). */
export function bulkFile(db: Db): string | null {
	const name = sqliteHandle(db)?.name;
	return name && name !== ':memory:' ? name : null;
}

/**
 * While a bulk write's WAL is copied in off the app's thread (checkpointLater), the app's connection
 * leaves it too: its next commit would otherwise copy the whole of it on the app's thread. Returns
 * the function that gives it back its setting (held by several at once, it is given back by the last).
 */
export function holdAutocheckpoint(db: Db): () => void {
	const sqlite = sqliteHandle(db);
	if (!sqlite) return () => {};
	const hold = holds.get(sqlite) ?? { n: 0, pages: 0 };
	if (hold.n++ === 0) {
		hold.pages = sqlite.pragma('wal_autocheckpoint', { simple: true }) as number;
		sqlite.pragma('wal_autocheckpoint = 0');
	}
	holds.set(sqlite, hold);
	let given = false;
	return () => {
		if (given) return;
		given = true;
		if (--hold.n === 0 && sqlite.open) sqlite.pragma(`wal_autocheckpoint = ${hold.pages}`);
	};
}
const holds = new WeakMap<SqliteDatabase, { n: number; pages: number }>();

/** The bulk write's page cache, in KiB: held only while an import writes, on its own connection. */
const BULK_CACHE_KIB = 65_536;

/** One statement of the import's own bookkeeping, waiting for the database as long as it takes. */
export const whenFree = <T>(importId: number, work: () => Promise<T>) =>
	retryWhileBusy(work, { onWait: sayWhenWaiting(`import ${importId}`) });
