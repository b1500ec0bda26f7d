import Database from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { DB } from './schema';

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

const CACHED_STATEMENTS = 256;

/**
 * Kysely's SQLite driver prepares every query anew; preparing costs as much as running most of ours.
 * Statements are kept by their SQL text (least recently used dropped first); a statement still
 * being iterated by a stream is never handed out twice.
 */
function withStatementCache(sqlite: Database.Database) {
	const cache = new Map<string, Database.Statement>();
	return {
		close: () => sqlite.close(),
		prepare(sql: string) {
			let stmt = cache.get(sql);
			if (stmt && stmt.busy) return sqlite.prepare(sql);
			if (stmt) cache.delete(sql);
			else {
				stmt = sqlite.prepare(sql);
				if (cache.size >= CACHED_STATEMENTS) cache.delete(cache.keys().next().value!);
			}
			cache.set(sql, stmt);
			return stmt;
		}
	};
}

/** Opens (and creates) the SQLite file with the pragmas every connection needs. */
export function createDatabase(path: string): Db {
	if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
	const sqlite = new Database(path);
	sqlite.pragma('journal_mode = WAL');
	sqlite.pragma('foreign_keys = ON');
	sqlite.pragma('busy_timeout = 5000');
	sqlite.pragma('synchronous = NORMAL');
	const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
	handles.set(db, sqlite);
	return db;
}
