import { sql, type Kysely } from 'kysely';

// The numbered series (see the SQLite migration 2026-12-06-021-number-series): one row per series,
// updated by the writer that takes the next number; the row lock keeps concurrent writers apart.

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
	await sql`CREATE TABLE number_series (series text PRIMARY KEY, last bigint NOT NULL)`.execute(db);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
	await sql`DROP TABLE number_series`.execute(db);
}
