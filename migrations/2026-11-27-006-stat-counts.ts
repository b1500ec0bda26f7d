import { sql, type Kysely } from 'kysely';

// Statistics counted as cases move instead of re-judged per request: one row per (month, place,
// category, department, rate or volume, detail, verdict) with its count. Only the part of a
// judgement that time alone cannot change is kept here; the open cases still inside their deadline
// are judged live (see services/stats/aggregate.ts). The table starts empty and marked stale: the
// server and the seed rebuild it from the case records and their events before first use.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('stat_counts')
		.addColumn('month', 'text', (c) => c.notNull())
		.addColumn('area', 'text', (c) => c.notNull())
		.addColumn('community', 'text', (c) => c.notNull())
		.addColumn('category', 'text', (c) => c.notNull())
		.addColumn('department', 'text', (c) => c.notNull())
		.addColumn('item', 'text', (c) => c.notNull())
		.addColumn('detail', 'text', (c) => c.notNull())
		.addColumn('verdict', 'text', (c) => c.notNull())
		.addColumn('n', 'integer', (c) => c.notNull())
		.addPrimaryKeyConstraint('stat_counts_pk', ['month', 'area', 'community', 'category', 'department', 'item', 'detail', 'verdict'])
		.execute();
	// The same counts rolled up to 片区 (no 居民区 or department; category only for the reported
	// volume): a year by month and 片区 reads a few thousand rows. Kept by the same writes.
	await db.schema
		.createTable('stat_counts_area')
		.addColumn('month', 'text', (c) => c.notNull())
		.addColumn('area', 'text', (c) => c.notNull())
		.addColumn('category', 'text', (c) => c.notNull())
		.addColumn('item', 'text', (c) => c.notNull())
		.addColumn('detail', 'text', (c) => c.notNull())
		.addColumn('verdict', 'text', (c) => c.notNull())
		.addColumn('n', 'integer', (c) => c.notNull())
		.addPrimaryKeyConstraint('stat_counts_area_pk', ['month', 'area', 'category', 'item', 'detail', 'verdict'])
		.execute();
	// The live part finds grid cases by cases_deadline_at (001) and 12345 orders by their open status.
	await sql`INSERT INTO settings (key, value) VALUES ('stat_counts_state', 'stale') ON CONFLICT (key) DO UPDATE SET value = 'stale'`.execute(db);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropTable('stat_counts_area').execute();
	await db.schema.dropTable('stat_counts').execute();
	await sql`DELETE FROM settings WHERE key = 'stat_counts_state'`.execute(db);
}
