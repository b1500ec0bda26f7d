// "Has the database changed?", cheaply, so totals can be cached until it has.
// - SQLite, exact and without a query: this connection's total_changes() (every row it wrote) with
//   PRAGMA data_version (bumped by commits of any other connection or process on the file).
// - PostgreSQL, across servers: the sum of write_version's rows, which a trigger bumps in every
//   write transaction on every table a cached total may read (migrations/postgres/…-003-shared-servers).
//   One indexed read of a few rows per look-up, instead of the count it saves.
import type Database from 'better-sqlite3';
import { sqliteHandle, type Db } from './create-database';
import { isPostgres } from './postgres';

const probes = new WeakMap<Database.Database, { changes: Database.Statement; version: Database.Statement }>();

/** SQLite: a text that differs whenever any row of the database file has changed since; null on another dialect. */
export function writeVersion(db: Db): string | null {
	const sqlite = sqliteHandle(db);
	if (!sqlite) return null;
	let p = probes.get(sqlite);
	if (!p)
		probes.set(
			sqlite,
			(p = {
				changes: sqlite.prepare('SELECT total_changes()').pluck(),
				version: sqlite.prepare('PRAGMA data_version').pluck()
			})
		);
	return `${p.changes.get()}:${p.version.get()}`;
}

/** PostgreSQL: a text that differs once any server has committed a write to a versioned table since. */
export async function sharedWriteVersion(db: Db): Promise<string> {
	const row = await db
		.selectFrom('write_version')
		.select((eb) => eb.fn.sum<number>('version').as('v'))
		.executeTakeFirstOrThrow();
	return `pg:${row.v ?? 0}`;
}

/** The version where the dialect has one: now (SQLite), after a query (PostgreSQL), or null (none). */
export function anyWriteVersion(db: Db): string | null | Promise<string> {
	if (sqliteHandle(db)) return writeVersion(db);
	return isPostgres(db) ? sharedWriteVersion(db) : null;
}
