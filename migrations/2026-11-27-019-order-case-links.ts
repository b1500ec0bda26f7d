import { sql, type Kysely } from 'kysely';

// A 12345 order that needs the street's own hands becomes a grid-flow case, or joins a case
// already open for the same problem nearby (issue 15). The link is its own row, not a column on
// either record: an order points at one case, a case may carry several orders, and neither row
// (nor its statistics) changes shape. A link is never undone, so the table is append-only like
// the events that record it on both sides.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('order_case_links')
		.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
		.addColumn('order_id', 'integer', (c) => c.notNull().unique().references('hotline_orders.id'))
		.addColumn('case_id', 'integer', (c) => c.notNull().references('cases.id'))
		.addColumn('kind', 'text', (c) => c.notNull()) // opened | joined
		.addColumn('linked_by', 'integer', (c) => c.notNull().references('users.id'))
		.addColumn('linked_at', 'integer', (c) => c.notNull())
		.execute();
	await db.schema.createIndex('order_case_links_case').on('order_case_links').column('case_id').execute();
	await sql`CREATE TRIGGER order_case_links_no_update BEFORE UPDATE ON order_case_links BEGIN SELECT RAISE(ABORT, 'order_case_links is append-only'); END`.execute(db);
	await sql`CREATE TRIGGER order_case_links_no_delete BEFORE DELETE ON order_case_links BEGIN SELECT RAISE(ABORT, 'order_case_links is append-only'); END`.execute(db);
	// INSERT OR REPLACE would delete the old link without firing the delete trigger (see 016).
	await sql`CREATE TRIGGER order_case_links_no_replace BEFORE INSERT ON order_case_links WHEN EXISTS (SELECT 1 FROM order_case_links WHERE order_id = NEW.order_id OR id = NEW.id) BEGIN SELECT RAISE(ABORT, 'order_case_links is append-only: this order is linked'); END`.execute(db);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropTable('order_case_links').execute();
}
