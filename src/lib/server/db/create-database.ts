import Database from 'better-sqlite3';
import { Kysely } from 'kysely';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { FifoLock } from './fifo-lock';
import { createPostgresDatabase, isPostgresUrl } from './postgres';
import type { DB } from './schema';
import { sqliteDialect } from './sqlite-dialect';

export type Db = Kysely<DB>;

interface Opened {
	sqlite: Database.Database;
	path: string;
	gate: FifoLock;
	/** Connections of onOwnConnection() now open for this one. */
	own: Set<Database.Database>;
	/** SQLite's own wait for another connection's write (busy_timeout), also given to those connections. */
	busyMs: number;
}

/** SQLite's busy_timeout: it waits inside the call, holding the whole thread (fine for a command-line tool). */
const BUSY_TIMEOUT_MS = 5000;
/** On the server: a short wait in SQLite, the rest in the dialect, between other requests (sqlite-dialect.ts). */
const SERVER_BUSY_TIMEOUT_MS = 50;
const opened = new WeakMap<object, Opened>();

/**
 * The underlying better-sqlite3 handle, for the one bulk path (importing 100,000 orders) where
 * Kysely's per-statement build-and-prepare costs as much as SQLite itself. Undefined for any other
 * dialect, and callers must then use Kysely.
 */
export function sqliteHandle(db: Db): Database.Database | undefined {
	return opened.get(db)?.sqlite;
}

function open(path: string, gate: FifoLock, busyMs = BUSY_TIMEOUT_MS): Db {
	if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
	const sqlite = new Database(path);
	sqlite.pragma('journal_mode = WAL');
	sqlite.pragma('foreign_keys = ON');
	sqlite.pragma(`busy_timeout = ${busyMs}`);
	sqlite.pragma('synchronous = NORMAL');
	const db = new Kysely<DB>({ dialect: sqliteDialect(sqlite, gate) });
	opened.set(db, { sqlite, path, gate, own: new Set(), busyMs });
	return db;
}

/**
 * For a server: while another process writes (an operator's import, a rebuild), SQLite's own wait
 * would stop every request; it is cut to a moment, and the dialect waits the rest between requests.
 * The connections onOwnConnection() opens from `db` wait the same way.
 */
export function waitWithoutBlocking(db: Db): void {
	const o = opened.get(db);
	if (!o) return;
	o.busyMs = SERVER_BUSY_TIMEOUT_MS;
	o.sqlite.pragma(`busy_timeout = ${SERVER_BUSY_TIMEOUT_MS}`);
}

/** Opens an existing SQLite file to read only (a backup's snapshot): the file is left exactly as it is. */
export function openReadOnly(path: string): Db {
	const sqlite = new Database(path, { readonly: true, fileMustExist: true });
	const gate = new FifoLock();
	const db = new Kysely<DB>({ dialect: sqliteDialect(sqlite, gate) });
	opened.set(db, { sqlite, path, gate, own: new Set(), busyMs: 0 });
	return db;
}

/** Opens (and creates) the SQLite file with the pragmas every connection needs. */
export function createDatabase(path: string): Db {
	return open(path, new FifoLock());
}

/**
 * The one switch: a postgres:// or postgresql:// URL opens PostgreSQL (a connection pool), anything
 * else is the path of a SQLite file (or ':memory:'). Either way the same Db.
 */
export function openDatabase(target: string): Db {
	return isPostgresUrl(target) ? createPostgresDatabase(target) : createDatabase(target);
}

/**
 * Runs a long write on a connection of its own to the same file, holding `db`'s write gate: `db`'s
 * reads go on meanwhile (they see the last commit), its writes wait without holding its connection.
 * `work` gets that connection (and must write only through it); it is closed afterwards. Where there
 * is no second connection to open (another dialect, an in-memory database), `work` gets `db` itself.
 */
export async function onOwnConnection<T>(db: Db, work: (own: Db) => Promise<T>): Promise<T> {
	const o = opened.get(db);
	if (!o || o.path === ':memory:' || o.path === '') return work(db);
	await o.gate.acquire();
	let own: Db | null = null;
	try {
		// Its own gate: `db`'s is held for it, and its transactions must not wait for themselves.
		own = open(o.path, new FifoLock(), o.busyMs);
		o.own.add(sqliteHandle(own)!);
		return await work(own);
	} finally {
		if (own) o.own.delete(sqliteHandle(own)!);
		await own?.destroy();
		o.gate.release();
	}
}

/**
 * Synchronously rolls back whatever `db` and its onOwnConnection() connections have half-written:
 * for a process stopped by a signal, which exits right after and cannot wait for promises.
 */
export function rollBackNow(db: Db): void {
	const o = opened.get(db);
	if (!o) return;
	for (const sqlite of [o.sqlite, ...o.own]) if (sqlite.open && sqlite.inTransaction) sqlite.exec('ROLLBACK');
}
