import { sql, type Kysely } from 'kysely';

// The open orders' work counts and their deadlines still to come read from one index (see the SQLite
// migration 2026-12-07-023-open-order-index).

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
	await sql`CREATE INDEX hotline_orders_status_deadlines ON hotline_orders (status, due_at, warn_at, first_contact_due_at, deadline_at)`.execute(
		db
	);
	await sql`DROP INDEX hotline_orders_status_due_at`.execute(db);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
	await sql`CREATE INDEX hotline_orders_status_due_at ON hotline_orders (status, due_at)`.execute(db);
	await sql`DROP INDEX hotline_orders_status_deadlines`.execute(db);
}
