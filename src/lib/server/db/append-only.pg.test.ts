import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALL_SEALED_TABLE_NAMES, APPEND_ONLY_UNCHAINED } from '../records/chain-spec';
import { createDatabase, type Db } from './create-database';
import { migrateToLatest } from './migrate';
import { pgTestDatabase } from './pg-test-db';
import { sqliteSchemaShape, type TableShape } from './schema-shape';

// The append-only rules, one table of attempts run on both databases: whatever SQLite's triggers
// refuse, PostgreSQL's refuse too (and PostgreSQL also TRUNCATE, which SQLite does not have).
const TABLES = [...ALL_SEALED_TABLE_NAMES, ...APPEND_ONLY_UNCHAINED, 'order_case_links'];
const REFUSED = /append-only|fixed once recorded|never deleted/;

type Dialect = 'sqlite' | 'postgres';
const schema = await (async () => {
	const db = createDatabase(':memory:');
	await migrateToLatest(db);
	const shape = await sqliteSchemaShape(db);
	await db.destroy();
	return shape;
})();

/**
 * One row for `table`: every required column filled, the first place of its chain with a 64-character
 * hash. A numeric id is left to the database, as the app leaves it.
 */
function fixtureRow(table: string, shape: TableShape): Record<string, unknown> {
	const row: Record<string, unknown> = {};
	for (const c of shape.columns) {
		if (c.name === 'id' && c.type === 'integer') continue;
		else if (c.name === 'hash') row.hash = 'a'.repeat(64);
		else if (c.name === 'chain_seq') row.chain_seq = 0;
		else if (c.name === 'kind' && table === 'enforcement_documents') row.kind = 'notice';
		else if (c.notNull && c.default === null) row[c.name] = c.type === 'integer' ? 1 : c.type === 'real' ? 1.5 : 'x1';
	}
	return row;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

/** Inserts a fixture row with foreign keys not checked: the rows it points at are not the subject here. */
async function insertUnchecked(dialect: Dialect, db: AnyDb, table: string, row: Record<string, unknown>) {
	if (dialect === 'sqlite') {
		await sql`PRAGMA foreign_keys = OFF`.execute(db);
		await db.insertInto(table).values(row).execute();
		await sql`PRAGMA foreign_keys = ON`.execute(db);
	} else
		await db.transaction().execute(async (trx) => {
			// Also skips user triggers for this one insert; the refusals below run with them on.
			await sql`SET LOCAL session_replication_role = replica`.execute(trx);
			await trx.insertInto(table).values(row).execute();
		});
}

describe.each<Dialect>(['sqlite', 'postgres'])('append-only tables on %s', (dialect) => {
	let db: AnyDb;
	let cleanup: () => Promise<void>;
	beforeAll(async () => {
		if (dialect === 'sqlite') {
			const sqlite: Db = createDatabase(':memory:');
			db = sqlite;
			cleanup = () => sqlite.destroy();
		} else {
			const pg = await pgTestDatabase();
			db = pg.db;
			cleanup = pg.cleanup;
		}
		await migrateToLatest(db as Db);
	});
	afterAll(async () => {
		await cleanup?.();
	});

	it.each(TABLES)('%s: UPDATE, DELETE, the same key again and an upsert are refused; the row stays', async (table) => {
		const shape = schema[table];
		const row = fixtureRow(table, shape);
		await insertUnchecked(dialect, db, table, row);
		const before = await db.selectFrom(table).selectAll().execute();
		expect(before).toHaveLength(1);
		const stored = before[0] as Record<string, unknown>;
		const key = shape.primaryKey[0];
		const col = 'hash' in row ? 'hash' : 'kind';
		const attempts: [string, () => Promise<unknown>][] = [
			[
				'update',
				() =>
					db
						.updateTable(table)
						.set({ [col]: 'y' })
						.execute()
			],
			['update of nothing', () => sql`UPDATE ${sql.table(table)} SET ${sql.ref(col)} = ${sql.ref(col)}`.execute(db)],
			['delete', () => db.deleteFrom(table).execute()],
			['same key', () => db.insertInto(table).values(stored).execute()],
			[
				'upsert',
				() =>
					db
						.insertInto(table)
						.values(stored)
						.onConflict((oc) => oc.column(key).doUpdateSet({ [col]: 'y' }))
						.execute()
			]
		];
		if (dialect === 'postgres')
			attempts.push(['truncate', () => sql`TRUNCATE ${sql.table(table)} CASCADE`.execute(db)]);
		else {
			const cols = Object.keys(stored);
			const values = sql.join(cols.map((c) => sql`${stored[c]}`));
			attempts.push(
				[
					'insert or replace',
					() =>
						sql`INSERT OR REPLACE INTO ${sql.table(table)} (${sql.join(cols.map((c) => sql.ref(c)))}) VALUES (${values})`.execute(
							db
						)
				],
				[
					'replace into',
					() =>
						sql`REPLACE INTO ${sql.table(table)} (${sql.join(cols.map((c) => sql.ref(c)))}) VALUES (${values})`.execute(
							db
						)
				]
			);
		}
		for (const [what, attempt] of attempts) await expect(attempt(), `${table}: ${what}`).rejects.toThrow(REFUSED);
		expect(await db.selectFrom(table).selectAll().execute()).toEqual(before);
	});

	it('a sealed row without its hash, or out of its chain’s turn, is refused', async () => {
		const row = fixtureRow('audit_log', schema.audit_log);
		const next = { ...row, chain_seq: 1 };
		await expect(
			db
				.insertInto('audit_log')
				.values({ ...next, hash: null })
				.execute()
		).rejects.toThrow(/rows are chained/);
		await expect(
			db
				.insertInto('audit_log')
				.values({ ...next, chain_seq: 5 })
				.execute()
		).rejects.toThrow(/rows are chained/);
		await db.insertInto('audit_log').values(next).execute();
		expect(await db.selectFrom('audit_log').select('chain_seq').orderBy('chain_seq').execute()).toEqual([
			{ chain_seq: 0 },
			{ chain_seq: 1 }
		]);
	});
});
