import { sql, type Kysely } from 'kysely';

// Overdue and due-soon are ranges of the current step's deadline among open cases. Without this
// index their totals scanned every case's (status, deadline) entry: over 1,000,000 cases about 120 ms,
// recounted each time the list's total expires. With it only the open cases in the range are read.
// A partial index, in SQLite and PostgreSQL alike, like cases_open_reported_at (migration 005).

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
	await sql`CREATE INDEX cases_open_stage_deadline_at ON cases (stage_deadline_at) WHERE status NOT IN ('closed', 'void')`.execute(db);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropIndex('cases_open_stage_deadline_at').execute();
}
