import type { Kysely } from 'kysely';

// Back to the city: every 签收, 先行联系, 答复, 退单 request and 延期 request on a 12345 order is an
// update the city platform must receive. It is written here in the same transaction as the order's
// event, so a crash or a city platform that is down loses nothing; a sender in the server process
// delivers the rows of one order in id order, with retries and backoff, and records the answer.
// Rows change as they are delivered (status, attempts), so this is not an append-only table; the
// order's events remain the record of what happened.
//
// Finding people and repeats (重复来电): the dispatcher finds an order by the caller's full phone
// number or name, and an order shows the same caller's and the same address's other recent orders.
// These three indexes turn each of those into a range read instead of a scan of every order.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('city_outbox')
		.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
		.addColumn('order_id', 'integer', (c) => c.notNull().references('hotline_orders.id'))
		.addColumn('event_id', 'integer', (c) => c.notNull().unique().references('hotline_events.id'))
		.addColumn('action', 'text', (c) => c.notNull()) // sign | first_contact | reply | request_return | request_extension
		.addColumn('idempotency_key', 'text', (c) => c.notNull().unique()) // sent with every attempt: the city de-duplicates on it
		.addColumn('payload', 'text', (c) => c.notNull()) // the update as JSON, exactly as it is sent
		.addColumn('status', 'text', (c) => c.notNull()) // pending | retrying | delivered | refused
		.addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('next_attempt_at', 'integer', (c) => c.notNull())
		.addColumn('last_attempt_at', 'integer')
		.addColumn('last_error', 'text') // the last failure (HTTP status or timeout), for the order page and the log
		.addColumn('refused_reason', 'text') // the city's reason when it refused the update (4xx)
		.addColumn('city_ref', 'text') // the city's receipt, when it gives one
		.addColumn('delivered_at', 'integer')
		.addColumn('created_at', 'integer', (c) => c.notNull())
		.execute();
	// The sender's question every round, "what is due now": a range per waiting status. (Not a partial
	// index: SQLite does not match a partial index's condition against bound parameters.)
	await db.schema.createIndex('city_outbox_status_next_attempt_at').on('city_outbox').columns(['status', 'next_attempt_at']).execute();
	await db.schema.createIndex('city_outbox_order_id').on('city_outbox').columns(['order_id', 'id']).execute();

	await db.schema.createIndex('hotline_orders_phone_received_at').on('hotline_orders').columns(['phone', 'received_at']).where('phone', 'is not', null).execute();
	await db.schema.createIndex('hotline_orders_citizen_name').on('hotline_orders').columns(['citizen_name']).where('citizen_name', 'is not', null).execute();
	await db.schema.createIndex('hotline_orders_address_received_at').on('hotline_orders').columns(['address', 'received_at']).execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropIndex('hotline_orders_address_received_at').execute();
	await db.schema.dropIndex('hotline_orders_citizen_name').execute();
	await db.schema.dropIndex('hotline_orders_phone_received_at').execute();
	await db.schema.dropTable('city_outbox').execute();
}
