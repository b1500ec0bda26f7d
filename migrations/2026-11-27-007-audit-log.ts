import { sql, type Kysely } from 'kysely';

// The admin's audit log: every change to settings, reference data and accounts, with who and when.
// Append-only, like the case events: the database itself refuses to change or remove an entry.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('audit_log')
		.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
		.addColumn('at', 'integer', (c) => c.notNull())
		.addColumn('actor_id', 'integer', (c) => c.references('users.id')) // null: a command-line tool
		.addColumn('action', 'text', (c) => c.notNull()) // e.g. calendar.save
		.addColumn('target', 'text', (c) => c.notNull()) // e.g. calendar:2027
		.addColumn('detail', 'text', (c) => c.notNull()) // JSON: what changed
		.execute();
	await db.schema.createIndex('audit_log_at').on('audit_log').columns(['at']).execute();
	await db.schema.createIndex('audit_log_action_at').on('audit_log').columns(['action', 'at']).execute();
	await db.schema.createIndex('audit_log_actor_at').on('audit_log').columns(['actor_id', 'at']).execute();
	await sql`CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END`.execute(db);
	await sql`CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END`.execute(db);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropTable('audit_log').execute();
}
