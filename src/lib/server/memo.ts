// Small in-process caches for figures that are costly to count, valid until the database changes
// (db/write-version.ts says when; on a dialect without that signal nothing is cached). A time limit
// on top covers totals that move with the clock alone (overdue, due soon).
import type Database from 'better-sqlite3';
import { sqliteHandle, type Db } from './db/create-database';
import { writeVersion } from './db/write-version';

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
