// For the benchmarks on PostgreSQL: the rows a benchmark generated in its SQLite file, copied as they
// are into a migrated PostgreSQL database, so both databases answer over the very same rows. Each
// table is emptied first (the migration's base data is in the SQLite file too) and filled in batches
// of `unnest` arrays, typed by PostgreSQL's own column types. Triggers are off for the copy
// (session_replication_role = replica, which the throwaway cluster's superuser may set): the rows
// are already checked, and the append-only rules would refuse the emptying.
import type Database from 'better-sqlite3';
import pg from 'pg';

const BATCH = 20_000;
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

/** Copies every table of `sqlite` into the PostgreSQL database at `url`; returns rows copied by table. */
export async function copySqliteToPg(sqlite: Database.Database, url: string): Promise<Map<string, number>> {
	const pool = new pg.Pool({ connectionString: url, max: 1 });
	const client = await pool.connect();
	const copied = new Map<string, number>();
	try {
		const tables = await columnsOf(client);
		await client.query('BEGIN');
		await client.query('SET LOCAL session_replication_role = replica');
		await client.query(`TRUNCATE ${[...tables.keys()].map(quote).join(', ')}`);
		for (const [table, columns] of tables) {
			const names = columns.map((c) => quote(c.name)).join(', ');
			const insert = `INSERT INTO ${quote(table)} (${names}) SELECT * FROM unnest(${columns
				.map((c, i) => `$${i + 1}::${c.type}[]`)
				.join(', ')})`;
			const select = sqlite.prepare(`SELECT ${names} FROM ${quote(table)}`).raw();
			const batch: unknown[][] = columns.map(() => []);
			let n = 0;
			const flush = async () => {
				if (!batch[0].length) return;
				await client.query(insert, batch);
				for (const b of batch) b.length = 0;
			};
			for (const row of select.iterate() as IterableIterator<unknown[]>) {
				for (let i = 0; i < columns.length; i++) {
					const v = row[i];
					batch[i].push(columns[i].type === 'boolean' && typeof v === 'number' ? v !== 0 : v);
				}
				if (++n % BATCH === 0) await flush();
			}
			await flush();
			copied.set(table, n);
			// Identity columns go on after the copied ids.
			if (n && columns.some((c) => c.name === 'id'))
				await client.query(
					`SELECT setval(pg_get_serial_sequence($1, 'id'), (SELECT max(id) FROM ${quote(table)}))
					 WHERE pg_get_serial_sequence($1, 'id') IS NOT NULL`,
					[table]
				);
		}
		await client.query('COMMIT');
		await client.query('ANALYZE');
	} catch (e) {
		await client.query('ROLLBACK').catch(() => {});
		throw e;
	} finally {
		client.release();
		await pool.end();
	}
	return copied;
}
