import Database from 'better-sqlite3';
import { Kysely } from 'kysely';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { DB } from './schema';
import { sqliteDialect } from './sqlite-dialect';

export type Db = Kysely<DB>;

const handles = new WeakMap<object, Database.Database>();

/**
 * The underlying better-sqlite3 handle, for the one bulk path (importing 100,000 orders) where
 * Kysely's per-statement build-and-prepare costs as much as SQLite itself. Undefined for any other
 * dialect, and callers must then use Kysely.
 */
export function sqliteHandle(db: Db): Database.Database | undefined {
	return handles.get(db);
}

/** Opens (and creates) the SQLite file with the pragmas every connection needs. */
export function createDatabase(path: string): Db {
	if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
	const sqlite = new Database(path);
	sqlite.pragma('journal_mode = WAL');
	sqlite.pragma('foreign_keys = ON');
	sqlite.pragma('busy_timeout = 5000');
	sqlite.pragma('synchronous = NORMAL');
	const db = new Kysely<DB>({ dialect: sqliteDialect(sqlite) });
	handles.set(db, sqlite);
	return db;
}
