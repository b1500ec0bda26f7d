import { sql, type Kysely } from 'kysely';

// What several app servers on one database need to share:
// - A running import's progress, in its own row (phase, rows done of how many, when last written),
//   so any server can show it, and a job whose server died (no word for a while) is seen as stopped.
// - write_version: on PostgreSQL, a trigger on every written table bumps one of its rows in every
//   write transaction, so a server knows its cached totals are stale after another server wrote
//   (migrations/postgres/…-003-shared-servers). SQLite has its own exact signal (data_version) and
//   leaves the table empty; it exists here so the two schemas stay one.

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
	await sql`ALTER TABLE hotline_imports ADD COLUMN progress_phase text`.execute(db);
	await sql`ALTER TABLE hotline_imports ADD COLUMN progress_rows integer NOT NULL DEFAULT 0`.execute(db);
	await sql`ALTER TABLE hotline_imports ADD COLUMN progress_total integer`.execute(db);
	await sql`ALTER TABLE hotline_imports ADD COLUMN progress_at integer`.execute(db);
	await db.schema
		.createTable('write_version')
		.addColumn('slot', 'integer', (c) => c.primaryKey())
		.addColumn('version', 'integer', (c) => c.notNull())
		.execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropTable('write_version').execute();
	for (const c of ['progress_at', 'progress_total', 'progress_rows', 'progress_phase'])
		await sql.raw(`ALTER TABLE hotline_imports DROP COLUMN ${c}`).execute(db);
}
