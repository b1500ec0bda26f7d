import type { Kysely } from 'kysely';

// The last number given in each numbered series: a day's case codes (W…), a day's enforcement case
// codes (Z…), a year's 告知书 and 决定书. A writer takes the next number by updating its row in its
// own transaction, which holds the row until it commits: two writers never take the same number, and
// a write rolled back gives its number back. Counting the day's rows and adding one (as before) is
// only safe with one writer at a time. A series starts, when first used, after the rows already
// numbered, so no row is needed here for the numbers given before.

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('number_series')
		.addColumn('series', 'text', (c) => c.primaryKey())
		.addColumn('last', 'integer', (c) => c.notNull())
		.execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropTable('number_series').execute();
}
