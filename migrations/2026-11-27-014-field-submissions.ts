import { sql, type Kysely } from 'kysely';

// A grid worker's phone sends what it recorded on patrol (上报, 自行处置, 核查) with a key it made
// itself, and may send the same thing again: after a timeout whose answer was lost, or from its
// outbox after the connection returns. The key is kept with what it created, in the same
// transaction, so the second send finds it and creates nothing. Append-only, like the events.
// The case keeps the moment the phone recorded the problem (captured_at), beside reported_at,
// which stays the moment the server received it: the workflow's clocks run on the server's time.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('field_submissions')
		.addColumn('key', 'text', (c) => c.primaryKey())
		.addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
		.addColumn('kind', 'text', (c) => c.notNull()) // report | self_handle | check_pass | check_fail
		.addColumn('case_id', 'integer', (c) => c.notNull().references('cases.id'))
		.addColumn('event_id', 'integer', (c) => c.notNull().references('case_events.id'))
		.addColumn('captured_at', 'integer', (c) => c.notNull())
		.addColumn('received_at', 'integer', (c) => c.notNull())
		.execute();
	await db.schema.alterTable('cases').addColumn('captured_at', 'integer').execute();
	await sql`CREATE TRIGGER field_submissions_no_update BEFORE UPDATE ON field_submissions BEGIN SELECT RAISE(ABORT, 'field_submissions is append-only'); END`.execute(db);
	await sql`CREATE TRIGGER field_submissions_no_delete BEFORE DELETE ON field_submissions BEGIN SELECT RAISE(ABORT, 'field_submissions is append-only'); END`.execute(db);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropTable('field_submissions').execute();
	await db.schema.alterTable('cases').dropColumn('captured_at').execute();
}
