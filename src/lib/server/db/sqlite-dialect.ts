// Kysely's SQLite dialect with two changes for a server under load, both about waiting rather than
// SQL: statements are prepared once per SQL text (Kysely prepares every query anew, which costs as
// much as running most of ours), and the single connection is handed out first come, first served
// (Kysely's mutex wakes every waiter on each release, and a request can be passed over many times).
import type Database from 'better-sqlite3';
import { CompiledQuery, SqliteDialect, SqliteDriver, type DatabaseConnection, type Driver, type SqliteDialectConfig, type TransactionSettings } from 'kysely';

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

/** One holder at a time; waiters are served in arrival order, each woken once. */
class FifoLock {
	#held = false;
	#waiting: (() => void)[] = [];
	acquire(): Promise<void> {
		if (!this.#held) {
			this.#held = true;
			return Promise.resolve();
		}
		return new Promise((resolve) => this.#waiting.push(resolve));
	}
	release(): void {
		const next = this.#waiting.shift();
		if (next) next();
		else this.#held = false;
	}
}

class FifoSqliteDriver extends SqliteDriver {
	#lock = new FifoLock();
	#connection: DatabaseConnection | null = null;
	override async init(): Promise<void> {
		await super.init();
		// The parent keeps its one connection private: borrow it once, then hand it out ourselves.
		this.#connection = await super.acquireConnection();
		await super.releaseConnection();
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
		await connection.executeQuery(CompiledQuery.raw(settings?.accessMode === 'read only' ? 'begin' : 'begin immediate'));
	}
}

class FastSqliteDialect extends SqliteDialect {
	#config: SqliteDialectConfig;
	constructor(config: SqliteDialectConfig) {
		super(config);
		this.#config = config;
	}
	override createDriver(): Driver {
		return new FifoSqliteDriver(this.#config);
	}
}

export function sqliteDialect(sqlite: Database.Database): SqliteDialect {
	return new FastSqliteDialect({ database: withStatementCache(sqlite) });
}
