// Small in-process caches for figures that are costly to count, valid until the database changes.
// For SQLite the "database changed" signal is exact and cheap: this connection's total_changes()
// (every row it wrote) with PRAGMA data_version (bumped by commits of any other connection or
// process). On another dialect there is no such signal and nothing is cached. A time limit on top
// covers totals that move with the clock alone (overdue, due soon).
import type Database from 'better-sqlite3';
import { sqliteHandle, type Db } from './db/create-database';

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

export interface Memo<T> {
	/** The value kept for `key` on this database if nothing was written since and it is younger than the time limit; else computes it. */
	get(db: Db, key: string, now: number, compute: () => Promise<T>): Promise<T>;
}

export function memo<T>(ttlMs: number, maxEntries = 500): Memo<T> {
	const byDatabase = new WeakMap<Database.Database, Map<string, { value: Promise<T>; at: number; version: string }>>();
	return {
		get(db, key, now, compute) {
			const sqlite = sqliteHandle(db);
			const version = writeVersion(db);
			if (!sqlite || version === null) return compute();
			let entries = byDatabase.get(sqlite);
			if (!entries) byDatabase.set(sqlite, (entries = new Map()));
			const hit = entries.get(key);
			if (hit && hit.version === version && now >= hit.at && now - hit.at < ttlMs) return hit.value;
			// The promise is kept, not the value: requests arriving while it is computed share the one
			// computation instead of each counting the same rows (50 at once when a total expires).
			const value = compute();
			entries.delete(key);
			if (entries.size >= maxEntries) entries.delete(entries.keys().next().value!);
			const entry = { value, at: now, version };
			entries.set(key, entry);
			// A failure is not kept: the next request tries again.
			value.catch(() => {
				if (entries.get(key) === entry) entries.delete(key);
			});
			return value;
		}
	};
}
