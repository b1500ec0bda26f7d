// "Has the database changed?" for SQLite, exact and cheap: this connection's total_changes() (every
// row it wrote) with PRAGMA data_version (bumped by commits of any other connection or process).
// On another dialect there is no such signal: null.
import type Database from 'better-sqlite3';
import { sqliteHandle, type Db } from './create-database';

const probes = new WeakMap<Database.Database, { changes: Database.Statement; version: Database.Statement }>();

/** A text that differs whenever any row of the database file has changed since; null when unknown. */
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
