// Kysely's SQLite dialect with two changes for a server under load, both about waiting rather than
// SQL: statements are prepared once per SQL text (Kysely prepares every query anew, which costs as
// much as running most of ours), and the single connection is handed out first come, first served
// (Kysely's mutex wakes every waiter on each release, and a request can be passed over many times).
import type Database from 'better-sqlite3';
import { isSqliteBusy } from './busy';
import { FifoLock } from './fifo-lock';
import {
	CompiledQuery,
	SqliteDialect,
	SqliteDriver,
	type DatabaseConnection,
	type Driver,
	type SqliteDialectConfig,
	type TransactionSettings
} from 'kysely';

const CACHED_STATEMENTS = 256;

/** better-sqlite3 with prepared statements kept by SQL text (least recently used dropped first). */
function withStatementCache(sqlite: Database.Database) {
	const cache = new Map<string, Database.Statement>();
	return {
		close: () => sqlite.close(),
		prepare(sql: string) {
			let stmt = cache.get(sql);
			// A statement still being iterated by a stream is never handed out twice.
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

/** Whether a statement may write: decided by SQLite itself, from the prepared statement. */
type Prepare = (sql: string) => Database.Statement;

/** How long a write waits for another process's write (an operator's import or rebuild) before it fails as busy. */
export const OTHER_WRITER_WAIT_MS = 30_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The app's one connection, handed out first come first served. Its writes also take the database's
 * write gate, which a long bulk write on a connection of its own holds instead (a 12345 import
 * publishing 100,000 orders): a write that meets the gate closed gives the connection back while it
 * waits, so reads go on — from the last commit, as WAL allows — and nobody waits inside SQLite's busy
 * handler, which would stop the whole thread. Another process's write is waited for the same way:
 * SQLite's own wait (busy_timeout) is kept short on the server (waitWithoutBlocking), and a write it
 * turned away is tried again after a pause in which the connection serves reads.
 */
class FifoSqliteDriver extends SqliteDriver {
	#lock = new FifoLock();
	#gate: FifoLock;
	#prepare: Prepare;
	#connection: DatabaseConnection | null = null;
	#raw: DatabaseConnection | null = null;
	#inWriteTransaction = false;
	constructor(config: SqliteDialectConfig, gate: FifoLock, prepare: Prepare) {
		super(config);
		this.#gate = gate;
		this.#prepare = prepare;
	}
	override async init(): Promise<void> {
		await super.init();
		// The parent keeps its one connection private: borrow it once, then hand it out ourselves.
		const connection = await super.acquireConnection();
		await super.releaseConnection();
		this.#raw = connection;
		this.#connection = {
			executeQuery: async (query) => {
				if (this.#inWriteTransaction || this.#prepare(query.sql).readonly) return connection.executeQuery(query);
				// A write on its own (no transaction): through the gate, and past another process's write.
				await this.#passGate();
				try {
					return await this.#whileBusy(() => connection.executeQuery(query));
				} finally {
					this.#gate.release();
				}
			},
			streamQuery: (query, chunkSize) => connection.streamQuery(query, chunkSize)
		};
	}
	/**
	 * Called holding the connection (and the gate): runs `write`, and while another process's write
	 * turns it away (SQLITE_BUSY: it did nothing), lends the connection out for a pause and tries again.
	 */
	async #whileBusy<T>(write: () => Promise<T>): Promise<T> {
		const started = Date.now();
		for (let attempt = 1; ; attempt++) {
			try {
				return await write();
			} catch (e) {
				if (!isSqliteBusy(e) || Date.now() - started >= OTHER_WRITER_WAIT_MS) throw e;
				this.#lock.release();
				await sleep(Math.min(400, 10 * 2 ** attempt));
				await this.#lock.acquire();
			}
		}
	}
	/** Called holding the connection: lends it out until the gate is ours, then takes it back. */
	async #passGate(): Promise<void> {
		if (this.#gate.tryAcquire()) return;
		this.#lock.release();
		await this.#gate.acquire();
		await this.#lock.acquire();
	}
	override async acquireConnection(): Promise<DatabaseConnection> {
		await this.#lock.acquire();
		return this.#connection!;
	}
	override async releaseConnection(): Promise<void> {
		this.#lock.release();
	}
	// A transaction that may write takes the write lock when it begins (waiting for it, busy_timeout),
	// not at its first write: a deferred one that has read and then meets another connection's commit
	// cannot wait and fails with SQLITE_BUSY_SNAPSHOT. Read-only ones stay deferred (a snapshot).
	override async beginTransaction(connection: DatabaseConnection, settings?: TransactionSettings): Promise<void> {
		if (settings?.accessMode === 'read only') return void (await connection.executeQuery(CompiledQuery.raw('begin')));
		await this.#passGate();
		// From here the gate is this transaction's; the connection is its own once BEGIN IMMEDIATE got through.
		try {
			await this.#whileBusy(() => this.#raw!.executeQuery(CompiledQuery.raw('begin immediate')));
		} catch (e) {
			this.#gate.release();
			throw e;
		}
		this.#inWriteTransaction = true;
	}
	override async commitTransaction(connection: DatabaseConnection): Promise<void> {
		await connection.executeQuery(CompiledQuery.raw('commit'));
		this.#endWrite();
	}
	override async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
		try {
			await connection.executeQuery(CompiledQuery.raw('rollback'));
		} finally {
			this.#endWrite();
		}
	}
	#endWrite(): void {
		if (!this.#inWriteTransaction) return;
		this.#inWriteTransaction = false;
		this.#gate.release();
	}
}

class FastSqliteDialect extends SqliteDialect {
	#config: SqliteDialectConfig;
	#gate: FifoLock;
	#prepare: Prepare;
	constructor(config: SqliteDialectConfig, gate: FifoLock, prepare: Prepare) {
		super(config);
		this.#config = config;
		this.#gate = gate;
		this.#prepare = prepare;
	}
	override createDriver(): Driver {
		return new FifoSqliteDriver(this.#config, this.#gate, this.#prepare);
	}
}

/** `gate`: the database's write gate (see FifoSqliteDriver); a bulk writer on another connection takes it. */
export function sqliteDialect(sqlite: Database.Database, gate: FifoLock): SqliteDialect {
	const database = withStatementCache(sqlite);
	return new FastSqliteDialect({ database }, gate, (sql) => database.prepare(sql));
}
