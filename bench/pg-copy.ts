// For the benchmarks on PostgreSQL: the rows a benchmark generated in its SQLite file, copied as they
// are into a migrated PostgreSQL database, so both databases answer over the very same rows. Each
// table is emptied first (the migration's base data is in the SQLite file too) and filled in batches
// of CSV lines, read in the order of PostgreSQL's own columns. Triggers are off for the copy
// (session_replication_role = replica, which the throwaway cluster's superuser may set): the rows
// are already checked, and the append-only rules would refuse the emptying.
// The rows go through psql's COPY FROM STDIN (CSV), many times faster than INSERTs; psql comes with
// the same PostgreSQL binaries as the throwaway cluster.
import { spawn } from 'node:child_process';
import path from 'node:path';
import type Database from 'better-sqlite3';
import pg from 'pg';
import { findPgBin } from '../src/lib/server/db/pg-cluster';

const BATCH = 5_000;
const SKIP = new Set(['kysely_migration', 'kysely_migration_lock']);

interface Column {
	name: string;
	type: string;
}

async function columnsOf(client: pg.PoolClient): Promise<Map<string, Column[]>> {
	const { rows } = await client.query<{ table_name: string; column_name: string; data_type: string; udt_name: string }>(
		`SELECT table_name, column_name, data_type, udt_name FROM information_schema.columns
		 WHERE table_schema = 'public' ORDER BY table_name, ordinal_position`
	);
	const byTable = new Map<string, Column[]>();
	for (const r of rows) {
		if (SKIP.has(r.table_name)) continue;
		const type = r.data_type === 'USER-DEFINED' || r.data_type === 'ARRAY' ? r.udt_name : r.data_type;
		byTable.set(r.table_name, [...(byTable.get(r.table_name) ?? []), { name: r.column_name, type }]);
	}
	return byTable;
}

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

function csvValue(v: unknown, type: string): string {
	if (v === null || v === undefined) return '';
	if (type === 'boolean') return v ? 't' : 'f';
	if (typeof v === 'number' || typeof v === 'bigint') return String(v);
	if (v instanceof Uint8Array) return `\\x${Buffer.from(v).toString('hex')}`;
	return `"${String(v).replaceAll('"', '""')}"`;
}

/** Streams one table's rows into PostgreSQL with psql's COPY; resolves with the number of rows. */
async function copyTable(sqlite: Database.Database, url: string, table: string, columns: Column[]): Promise<number> {
	const names = columns.map((c) => quote(c.name)).join(', ');
	const psql = spawn(
		path.join(findPgBin()!, 'psql'),
		[url, '-v', 'ON_ERROR_STOP=1', '-q', '-c', `COPY ${quote(table)} (${names}) FROM STDIN WITH (FORMAT csv)`],
		{ env: { ...process.env, PGOPTIONS: '-c session_replication_role=replica' }, stdio: ['pipe', 'ignore', 'pipe'] }
	);
	let stderr = '';
	psql.stderr.on('data', (d) => (stderr += d));
	const done = new Promise<number | null>((resolve) => psql.on('exit', resolve));
	let n = 0;
	let chunk = '';
	const write = async (text: string) => {
		if (!psql.stdin.write(text)) await new Promise((r) => psql.stdin.once('drain', r));
	};
	for (const row of sqlite
		.prepare(`SELECT ${names} FROM ${quote(table)}`)
		.raw()
		.iterate() as IterableIterator<unknown[]>) {
		chunk += row.map((v, i) => csvValue(v, columns[i].type)).join(',') + '\n';
		if (++n % BATCH === 0) {
			await write(chunk);
			chunk = '';
		}
	}
	await write(chunk);
	psql.stdin.end();
	if ((await done) !== 0) throw new Error(`COPY ${table} failed: ${stderr.trim()}`);
	return n;
}

/** Copies every table of `sqlite` into the PostgreSQL database at `url`; returns rows copied by table. */
export async function copySqliteToPg(sqlite: Database.Database, url: string): Promise<Map<string, number>> {
	const pool = new pg.Pool({ connectionString: url, max: 1 });
	const copied = new Map<string, number>();
	try {
		const client = await pool.connect();
		let tables: Map<string, Column[]>;
		let indexes: { name: string; def: string }[];
		try {
			tables = await columnsOf(client);
			await client.query('SET session_replication_role = replica');
			await client.query(`TRUNCATE ${[...tables.keys()].map(quote).join(', ')}`);
			// The secondary indexes are built once after the copy instead of row by row (keys stay).
			indexes = (
				await client.query<{ name: string; def: string }>(
					`SELECT indexname AS name, indexdef AS def FROM pg_indexes WHERE schemaname = 'public'
					 AND indexname NOT IN (SELECT conname FROM pg_constraint)`
				)
			).rows;
			for (const i of indexes) await client.query(`DROP INDEX ${quote(i.name)}`);
		} finally {
			client.release();
		}
		for (const [table, columns] of tables) {
			const n = await copyTable(sqlite, url, table, columns);
			copied.set(table, n);
			// Identity columns go on after the copied ids.
			if (n && columns.some((c) => c.name === 'id' && (c.type === 'integer' || c.type === 'bigint')))
				await pool.query(
					`SELECT setval(pg_get_serial_sequence($1, 'id'), (SELECT max(id) FROM ${quote(table)}))
					 WHERE pg_get_serial_sequence($1, 'id') IS NOT NULL`,
					[table]
				);
		}
		const client2 = await pool.connect();
		try {
			await client2.query("SET maintenance_work_mem = '256MB'");
			for (const i of indexes) await client2.query(i.def);
		} finally {
			client2.release();
		}
		await pool.query('ANALYZE');
	} finally {
		await pool.end();
	}
	return copied;
}
