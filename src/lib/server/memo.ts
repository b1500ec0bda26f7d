// Small in-process caches for figures that are costly to count, valid until the database changes
// (db/write-version.ts says when: on SQLite from the file itself, on PostgreSQL from a version row
// every server's writes bump, so a write on one server invalidates the others' caches). A time limit
// on top covers totals that move with the clock alone (overdue, due soon).
import { sqliteHandle, type Db } from './db/create-database';
import { anyWriteVersion } from './db/write-version';

export interface Memo<T> {
	/** The value kept for `key` on this database if nothing was written since and it is younger than the time limit; else computes it. */
	get(db: Db, key: string, now: number, compute: () => Promise<T>): Promise<T>;
}

type Entry<T> = { value: Promise<T>; at: number; version: string };

export function memo<T>(ttlMs: number, maxEntries = 500): Memo<T> {
	// By SQLite handle (one file), or by the Db itself (a PostgreSQL pool).
	const byDatabase = new WeakMap<object, Map<string, Entry<T>>>();
	const lookUp = (owner: object, key: string, now: number, version: string, compute: () => Promise<T>) => {
		let entries = byDatabase.get(owner);
		if (!entries) byDatabase.set(owner, (entries = new Map()));
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
	};
	return {
		get(db, key, now, compute) {
			const version = anyWriteVersion(db);
			if (version === null) return compute();
			// The version is read before the figures, so figures are never older than the version they are kept under.
			if (typeof version !== 'string') return version.then((v) => lookUp(db, key, now, v, compute));
			return lookUp(sqliteHandle(db)!, key, now, version, compute);
		}
	};
}
