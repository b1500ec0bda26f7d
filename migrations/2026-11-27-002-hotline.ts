import { sql, type Kysely } from 'kysely';

// 12345 hotline work orders (工单), their append-only events and evidence, imports and API keys.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('api_keys')
		.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
		.addColumn('name', 'text', (c) => c.notNull())
		.addColumn('prefix', 'text', (c) => c.notNull().unique()) // shown to admins to tell keys apart
		.addColumn('secret_hash', 'text', (c) => c.notNull()) // SHA-256 of the secret; the key itself is shown once
		.addColumn('created_by', 'integer', (c) => c.notNull().references('users.id'))
		.addColumn('created_at', 'integer', (c) => c.notNull())
		.addColumn('revoked_at', 'integer')
		.addColumn('last_used_at', 'integer')
		.execute();

	await db.schema
		.createTable('hotline_imports')
		.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
		.addColumn('file_name', 'text', (c) => c.notNull())
		.addColumn('file_kind', 'text', (c) => c.notNull()) // csv | xlsx
		.addColumn('file_sha256', 'text', (c) => c.notNull())
		.addColumn('status', 'text', (c) => c.notNull()) // previewed | committed | failed
		.addColumn('mode', 'text') // all_or_nothing | valid_only
		.addColumn('total_rows', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('valid_rows', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('error_rows', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('new_rows', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('same_rows', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('changed_rows', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('written_rows', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('report', 'text') // JSON: the first problems, row by row
		.addColumn('created_by', 'integer', (c) => c.notNull().references('users.id'))
		.addColumn('created_at', 'integer', (c) => c.notNull())
		.addColumn('finished_at', 'integer')
		.execute();

	await db.schema
		.createTable('hotline_orders')
		.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
		.addColumn('order_no', 'text', (c) => c.notNull().unique()) // 工单号: imports are idempotent on it
		.addColumn('channel', 'text', (c) => c.notNull())
		.addColumn('order_type', 'text', (c) => c.notNull())
		.addColumn('urgency', 'text', (c) => c.notNull())
		.addColumn('citizen_name', 'text') // personal data
		.addColumn('phone', 'text') // personal data
		.addColumn('has_phone', 'integer', (c) => c.notNull())
		.addColumn('address', 'text', (c) => c.notNull())
		.addColumn('lng', 'real')
		.addColumn('lat', 'real')
		.addColumn('content', 'text', (c) => c.notNull())
		.addColumn('received_at', 'integer', (c) => c.notNull()) // 派单时间: the clock's start
		.addColumn('category_code', 'text', (c) => c.references('categories.code'))
		.addColumn('community_id', 'integer', (c) => c.references('communities.id'))
		.addColumn('status', 'text', (c) => c.notNull())
		.addColumn('resume_status', 'text')
		.addColumn('limit_value', 'real', (c) => c.notNull())
		.addColumn('limit_unit', 'text', (c) => c.notNull())
		.addColumn('department_id', 'integer', (c) => c.references('departments.id'))
		.addColumn('assigned_at', 'integer')
		.addColumn('signed_at', 'integer')
		.addColumn('first_contact_due_at', 'integer')
		.addColumn('first_contact_at', 'integer')
		.addColumn('contact_outcome', 'text')
		.addColumn('contact_method', 'text')
		.addColumn('deadline_at', 'integer', (c) => c.notNull())
		.addColumn('due_at', 'integer') // deadline of the current step (first contact, 办结, 重办)
		.addColumn('warn_at', 'integer') // 75 % of the current step used (yellow)
		.addColumn('requested_deadline_at', 'integer')
		.addColumn('first_reply_at', 'integer')
		.addColumn('last_reply_at', 'integer')
		.addColumn('reply_resolved', 'integer')
		.addColumn('redo_deadline_at', 'integer')
		.addColumn('redo_count', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('return_approved_at', 'integer')
		.addColumn('supervised_at', 'integer')
		.addColumn('satisfaction', 'text')
		.addColumn('completed_at', 'integer')
		.addColumn('fingerprint', 'text', (c) => c.notNull()) // tells "the same order again" from "a changed order"
		.addColumn('origin', 'text', (c) => c.notNull()) // api | file | manual
		.addColumn('import_id', 'integer', (c) => c.references('hotline_imports.id'))
		.addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
		.addColumn('created_at', 'integer', (c) => c.notNull())
		.addColumn('updated_at', 'integer', (c) => c.notNull())
		.execute();
	// Few indexes on purpose: every one slows the bulk import (rates can add their own covering index).
	for (const cols of [['status', 'due_at'], ['department_id', 'status'], ['received_at']]) {
		await db.schema.createIndex(`hotline_orders_${cols.join('_')}`).on('hotline_orders').columns(cols).execute();
	}

	await db.schema
		.createTable('hotline_events')
		.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
		.addColumn('order_id', 'integer', (c) => c.notNull().references('hotline_orders.id'))
		.addColumn('at', 'integer', (c) => c.notNull())
		.addColumn('actor_id', 'integer', (c) => c.references('users.id')) // null when an API key acted
		.addColumn('api_key_id', 'integer', (c) => c.references('api_keys.id'))
		.addColumn('action', 'text', (c) => c.notNull())
		.addColumn('from_status', 'text')
		.addColumn('to_status', 'text', (c) => c.notNull())
		.addColumn('note', 'text')
		.addColumn('payload', 'text')
		.execute();
	await db.schema.createIndex('hotline_events_order').on('hotline_events').columns(['order_id', 'id']).execute();
	await sql`CREATE TRIGGER hotline_events_no_update BEFORE UPDATE ON hotline_events BEGIN SELECT RAISE(ABORT, 'hotline_events is append-only'); END`.execute(db);
	await sql`CREATE TRIGGER hotline_events_no_delete BEFORE DELETE ON hotline_events BEGIN SELECT RAISE(ABORT, 'hotline_events is append-only'); END`.execute(db);

	await db.schema
		.createTable('hotline_attachments')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('order_id', 'integer', (c) => c.notNull().references('hotline_orders.id'))
		.addColumn('event_id', 'integer', (c) => c.notNull().references('hotline_events.id'))
		.addColumn('path', 'text', (c) => c.notNull())
		.addColumn('thumb_path', 'text', (c) => c.notNull())
		.addColumn('sha256', 'text', (c) => c.notNull())
		.addColumn('original_name', 'text', (c) => c.notNull())
		.addColumn('uploaded_by', 'integer', (c) => c.notNull().references('users.id'))
		.addColumn('created_at', 'integer', (c) => c.notNull())
		.execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
	for (const t of ['hotline_attachments', 'hotline_events', 'hotline_orders', 'hotline_imports', 'api_keys']) {
		await db.schema.dropTable(t).execute();
	}
}
