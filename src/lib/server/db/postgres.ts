// The PostgreSQL side of the one switch (DATABASE_URL=postgres://…): Kysely's own PostgresDialect
// over a node-postgres pool. The app's rows are the same on both databases, so what PostgreSQL
// returns as text to keep precision is read as numbers here, once, for this pool: bigint (the
// millisecond instants, count(*)) and numeric (sum() of a bigint). Integers stay exact up to 2^53.
import {
	CompiledQuery,
	Kysely,
	PostgresAdapter,
	PostgresDialect,
	PostgresDriver,
	sql,
	type DatabaseConnection,
	type Driver,
	type PostgresDialectConfig,
	type QueryResult
} from 'kysely';
import pg from 'pg';
import type { Db } from './create-database';
import type { DB } from './schema';

const INT8 = 20;
const NUMERIC = 1700;
const toNumber = (v: string) => Number(v);

const types = {
	getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
		oid === INT8 || oid === NUMERIC ? toNumber : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser
};

/** postgres:// or postgresql:// */
export const isPostgresUrl = (s: string): boolean => /^postgres(ql)?:\/\//i.test(s);

/** The URL without its password, for messages and logs. */
export function redactUrl(url: string): string {
	try {
		const u = new URL(url);
		if (u.password) u.password = '***';
		return u.toString();
	} catch {
		return 'postgres://(unreadable URL)';
	}
}

let cursors = 0;

/**
 * Kysely streams PostgreSQL rows through the pg-cursor package, which this app does not carry. The
 * same is done in SQL here: a server-side cursor, read a chunk at a time. WITH HOLD, so it also
 * works outside a transaction (it then outlives the statement's own); closed when the stream ends.
 */
async function* streamByCursor<R>(
	connection: DatabaseConnection,
	query: CompiledQuery,
	chunkSize: number
): AsyncIterableIterator<QueryResult<R>> {
	if (!Number.isInteger(chunkSize) || chunkSize <= 0) throw new Error('chunkSize must be a positive integer');
	const name = `gridcase_stream_${++cursors}`;
	await connection.executeQuery(
		CompiledQuery.raw(`DECLARE ${name} NO SCROLL CURSOR WITH HOLD FOR ${query.sql}`, [...query.parameters])
	);
	try {
		for (;;) {
			const { rows } = await connection.executeQuery<R>(CompiledQuery.raw(`FETCH ${chunkSize} FROM ${name}`));
			if (rows.length) yield { rows };
			if (rows.length < chunkSize) return;
		}
	} finally {
		await connection.executeQuery(CompiledQuery.raw(`CLOSE ${name}`)).catch(() => {});
	}
}

/** Kysely's driver, its connections streaming by streamByCursor (everything else is theirs, untouched). */
class StreamingPostgresDriver extends PostgresDriver {
	override async acquireConnection(): Promise<DatabaseConnection> {
		const connection = await super.acquireConnection();
		return new Proxy(connection, {
			get(target, key) {
				if (key === 'streamQuery')
					return (query: CompiledQuery, chunkSize: number) => streamByCursor(target, query, chunkSize);
				const value = Reflect.get(target, key);
				return typeof value === 'function' ? value.bind(target) : value;
			}
		});
	}
}

class StreamingPostgresDialect extends PostgresDialect {
	#config: PostgresDialectConfig;
	constructor(config: PostgresDialectConfig) {
		super(config);
		this.#config = config;
	}
	override createDriver(): Driver {
		return new StreamingPostgresDriver(this.#config);
	}
}

const urls = new WeakMap<Db, string>();

export function createPostgresDatabase(url: string): Db {
	const pool = new pg.Pool({ connectionString: url, types, connectionTimeoutMillis: 15_000 });
	// A connection dropped by the server (a restart, a failover) must not end the process. An idle
	// one is removed by the pool, which says so here. One lent out, between two statements of a
	// transaction, has nobody listening: its error would be thrown as uncaught, so every connection
	// gets a listener of its own. Its next statement then fails, that transaction is rolled back and
	// reported to its caller, and Kysely hands the connection back as broken, so the pool drops it;
	// the next request opens a fresh one. Once the pool is ended (db.destroy()) its connections are
	// still closing for a moment; a server stopping then is no news, and nothing is replaced.
	pool.on('error', (e) => {
		if (!pool.ending) console.error(`PostgreSQL: an idle connection failed (${e.message}); it is replaced`);
	});
	pool.on('connect', (client) => client.on('error', () => {}));
	const db = new Kysely<DB>({ dialect: new StreamingPostgresDialect({ pool }) });
	urls.set(db, url);
	return db;
}

export function isPostgres(db: Db): boolean {
	return db.getExecutor().adapter instanceof PostgresAdapter;
}

/** A database that cannot be reached at start: its message is one line, meant to be printed as it is. */
export class DatabaseUnreachableError extends Error {
	override name = 'DatabaseUnreachableError';
}

function reason(e: unknown): string {
	const inner = e instanceof AggregateError && e.errors.length ? e.errors[0] : e;
	const code = (inner as { code?: unknown })?.code;
	const message = inner instanceof Error ? inner.message : String(inner);
	return [typeof code === 'string' && !message.includes(code) ? code : '', message].filter(Boolean).join(' ');
}

/**
 * On PostgreSQL, asks for one row and throws DatabaseUnreachableError saying where and why when it
 * cannot (wrong host or port, server down, unknown database, refused password). SQLite: nothing to ask.
 */
export async function assertReachable(db: Db): Promise<void> {
	const url = urls.get(db);
	if (url === undefined) return;
	try {
		await sql`select 1`.execute(db);
	} catch (e) {
		throw new DatabaseUnreachableError(`cannot connect to PostgreSQL at ${redactUrl(url)}: ${reason(e)}`);
	}
}
