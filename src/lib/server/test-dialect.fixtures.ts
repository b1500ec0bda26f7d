// Test helper (imported by *.test.ts only): what a test does in SQL that SQLite and PostgreSQL spell
// differently, so the same test runs on both databases.
import { CompiledQuery, sql } from 'kysely';
import type { Db } from './db/create-database';
import { isPostgres } from './db/postgres';

/**
 * The plan of a query, its lines joined by ' | ': SQLite's EXPLAIN QUERY PLAN, or PostgreSQL's EXPLAIN with
 * sequential scans priced out (on a test's few rows a scan is always cheapest, so only "is there an index
 * this query can use" is a question PostgreSQL answers the same way a big table would).
 */
export async function queryPlan(db: Db, query: string | CompiledQuery): Promise<string> {
	const q = typeof query === 'string' ? CompiledQuery.raw(query) : query;
	if (!isPostgres(db)) {
		const plan = await db.executeQuery<{ detail: string }>(
			CompiledQuery.raw(`EXPLAIN QUERY PLAN ${q.sql}`, [...q.parameters])
		);
		return plan.rows.map((r) => r.detail).join(' | ');
	}
	return db.transaction().execute(async (trx) => {
		await sql`SET LOCAL enable_seqscan = off`.execute(trx);
		const plan = await trx.executeQuery<{ 'QUERY PLAN': string }>(
			CompiledQuery.raw(`EXPLAIN ${q.sql}`, [...q.parameters])
		);
		return plan.rows.map((r) => r['QUERY PLAN'].trim()).join(' | ');
	});
}

/** Drops a trigger by hand, as someone going behind the app would (PostgreSQL also names its table). */
export const dropTrigger = (db: Db, name: string, table: string) =>
	sql.raw(isPostgres(db) ? `DROP TRIGGER ${name} ON ${table}` : `DROP TRIGGER ${name}`).execute(db);

/** A trigger refusing the rows inserted into `table` whose `column` is `value`: a database failure on cue. */
export async function refuseInserts(db: Db, name: string, table: string, column: string, value: string): Promise<void> {
	const when = `NEW.${column} = '${value.replace(/'/g, "''")}'`;
	if (!isPostgres(db)) {
		await sql
			.raw(
				`CREATE TRIGGER ${name} BEFORE INSERT ON ${table} WHEN ${when} BEGIN SELECT RAISE(ABORT, 'test failure'); END`
			)
			.execute(db);
		return;
	}
	await sql
		.raw(
			`CREATE FUNCTION ${name}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'test failure'; END $$`
		)
		.execute(db);
	await sql
		.raw(`CREATE TRIGGER ${name} BEFORE INSERT ON ${table} FOR EACH ROW WHEN (${when}) EXECUTE FUNCTION ${name}()`)
		.execute(db);
}
