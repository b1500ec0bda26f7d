import { sql, type Kysely } from 'kysely';

// Camera alerts (一网统管), their evidence, the shop registry and non-onsite enforcement cases (非现场执法).
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
	// Which integration a key belongs to: a 12345 key cannot push camera alerts, and the reverse.
	await db.schema.alterTable('api_keys').addColumn('integration', 'text', (c) => c.notNull().defaultTo('hotline')).execute();

	await db.schema
		.createTable('cameras')
		.addColumn('id', 'text', (c) => c.primaryKey()) // the platform's camera id
		.addColumn('name', 'text', (c) => c.notNull())
		.addColumn('lng', 'real', (c) => c.notNull())
		.addColumn('lat', 'real', (c) => c.notNull())
		.addColumn('area_id', 'integer', (c) => c.notNull().references('areas.id'))
		.addColumn('community_id', 'integer', (c) => c.notNull().references('communities.id'))
		.addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
		.addColumn('created_at', 'integer', (c) => c.notNull())
		.addColumn('updated_at', 'integer', (c) => c.notNull())
		.execute();

	await db.schema
		.createTable('shops')
		.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
		.addColumn('sign_name', 'text', (c) => c.notNull()) // 店招名
		.addColumn('credit_code', 'text', (c) => c.unique()) // 统一社会信用代码 (street stalls have none)
		.addColumn('owner_name', 'text', (c) => c.notNull()) // 负责人: personal data
		.addColumn('phone', 'text', (c) => c.notNull()) // personal data
		.addColumn('address', 'text', (c) => c.notNull())
		.addColumn('lng', 'real', (c) => c.notNull())
		.addColumn('lat', 'real', (c) => c.notNull())
		.addColumn('community_id', 'integer', (c) => c.notNull().references('communities.id'))
		.addColumn('created_by', 'integer', (c) => c.notNull().references('users.id'))
		.addColumn('created_at', 'integer', (c) => c.notNull())
		.addColumn('updated_at', 'integer', (c) => c.notNull())
		.execute();

	await db.schema
		.createTable('enforcement_rules') // fine range and legal basis per enforcement-eligible category
		.addColumn('category_code', 'text', (c) => c.primaryKey().references('categories.code'))
		.addColumn('fine_min', 'integer', (c) => c.notNull()) // 分 (fen)
		.addColumn('fine_max', 'integer', (c) => c.notNull())
		.addColumn('violated', 'text', (c) => c.notNull()) // the provision broken
		.addColumn('penalty_basis', 'text', (c) => c.notNull()) // the provision that sets the penalty
		.execute();

	await db.schema
		.createTable('enforcement_cases')
		.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
		.addColumn('code', 'text', (c) => c.notNull().unique())
		.addColumn('status', 'text', (c) => c.notNull())
		.addColumn('outcome', 'text') // corrected | paid | cancelled
		.addColumn('category_code', 'text', (c) => c.notNull().references('categories.code'))
		.addColumn('description', 'text', (c) => c.notNull())
		.addColumn('address', 'text', (c) => c.notNull())
		.addColumn('lng', 'real', (c) => c.notNull())
		.addColumn('lat', 'real', (c) => c.notNull())
		.addColumn('area_id', 'integer', (c) => c.notNull().references('areas.id'))
		.addColumn('community_id', 'integer', (c) => c.notNull().references('communities.id'))
		.addColumn('camera_id', 'text', (c) => c.references('cameras.id'))
		.addColumn('shop_id', 'integer', (c) => c.references('shops.id'))
		.addColumn('created_by', 'integer', (c) => c.notNull().references('users.id'))
		.addColumn('created_at', 'integer', (c) => c.notNull())
		.addColumn('notified_at', 'integer')
		.addColumn('rectify_due_at', 'integer')
		.addColumn('registered_at', 'integer')
		.addColumn('decision_due_at', 'integer')
		.addColumn('party_confirmed_at', 'integer')
		.addColumn('notice_no', 'text')
		.addColumn('notice_at', 'integer')
		.addColumn('proposed_fine', 'integer')
		.addColumn('statement_due_at', 'integer')
		.addColumn('statement_at', 'integer')
		.addColumn('decision_no', 'text')
		.addColumn('decision_at', 'integer')
		.addColumn('fine', 'integer')
		.addColumn('payment_due_at', 'integer')
		.addColumn('paid_on', 'text') // YYYY-MM-DD, the date on the receipt
		.addColumn('paid_amount', 'integer')
		.addColumn('closed_at', 'integer')
		.addColumn('stage_started_at', 'integer', (c) => c.notNull())
		.addColumn('stage_deadline_at', 'integer')
		.addColumn('stage_warn_at', 'integer')
		.addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
		.addColumn('updated_at', 'integer', (c) => c.notNull())
		.execute();
	await db.schema.createIndex('enforcement_cases_status').on('enforcement_cases').columns(['status', 'stage_deadline_at']).execute();
	await db.schema.createIndex('enforcement_cases_shop').on('enforcement_cases').columns(['shop_id', 'created_at']).execute();

	await db.schema
		.createTable('enforcement_events')
		.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
		.addColumn('enforcement_id', 'integer', (c) => c.notNull().references('enforcement_cases.id'))
		.addColumn('at', 'integer', (c) => c.notNull())
		.addColumn('actor_id', 'integer', (c) => c.notNull().references('users.id'))
		.addColumn('action', 'text', (c) => c.notNull())
		.addColumn('from_status', 'text')
		.addColumn('to_status', 'text', (c) => c.notNull())
		.addColumn('note', 'text')
		.addColumn('payload', 'text')
		.execute();
	await db.schema.createIndex('enforcement_events_case').on('enforcement_events').columns(['enforcement_id', 'id']).execute();
	await sql`CREATE TRIGGER enforcement_events_no_update BEFORE UPDATE ON enforcement_events BEGIN SELECT RAISE(ABORT, 'enforcement_events is append-only'); END`.execute(db);
	await sql`CREATE TRIGGER enforcement_events_no_delete BEFORE DELETE ON enforcement_events BEGIN SELECT RAISE(ABORT, 'enforcement_events is append-only'); END`.execute(db);

	await db.schema
		.createTable('alerts')
		.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
		.addColumn('camera_id', 'text', (c) => c.notNull().references('cameras.id'))
		.addColumn('captured_at', 'integer', (c) => c.notNull())
		.addColumn('category_code', 'text', (c) => c.notNull().references('categories.code'))
		.addColumn('lng', 'real', (c) => c.notNull())
		.addColumn('lat', 'real', (c) => c.notNull())
		.addColumn('area_id', 'integer', (c) => c.notNull().references('areas.id'))
		.addColumn('community_id', 'integer', (c) => c.notNull().references('communities.id'))
		.addColumn('confidence', 'real', (c) => c.notNull())
		.addColumn('external_id', 'text') // the platform's own alert id, if it sends one
		.addColumn('status', 'text', (c) => c.notNull()) // pending | false_alarm | case | enforcement | attached
		.addColumn('false_reason', 'text')
		.addColumn('review_note', 'text')
		.addColumn('case_id', 'integer', (c) => c.references('cases.id'))
		.addColumn('enforcement_id', 'integer', (c) => c.references('enforcement_cases.id'))
		.addColumn('parent_alert_id', 'integer', (c) => c.references('alerts.id'))
		.addColumn('api_key_id', 'integer', (c) => c.references('api_keys.id'))
		.addColumn('received_at', 'integer', (c) => c.notNull())
		.addColumn('reviewed_by', 'integer', (c) => c.references('users.id'))
		.addColumn('reviewed_at', 'integer')
		.addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
		.addUniqueConstraint('alerts_replay', ['camera_id', 'captured_at', 'category_code'])
		.execute();
	await db.schema.createIndex('alerts_status').on('alerts').columns(['status', 'received_at']).execute();
	await db.schema.createIndex('alerts_category_time').on('alerts').columns(['category_code', 'captured_at']).execute();

	// Evidence is kept byte for byte as received; its SHA-256 is recorded once, at capture.
	await db.schema
		.createTable('evidence_files')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('alert_id', 'integer', (c) => c.references('alerts.id'))
		.addColumn('enforcement_id', 'integer', (c) => c.references('enforcement_cases.id'))
		.addColumn('event_id', 'integer', (c) => c.references('enforcement_events.id'))
		.addColumn('kind', 'text', (c) => c.notNull()) // frame | photo
		.addColumn('seq', 'integer', (c) => c.notNull().defaultTo(0)) // order within one upload: frame 1, 2, …
		.addColumn('path', 'text', (c) => c.notNull())
		.addColumn('thumb_path', 'text', (c) => c.notNull())
		.addColumn('mime', 'text', (c) => c.notNull())
		.addColumn('bytes', 'integer', (c) => c.notNull())
		.addColumn('width', 'integer', (c) => c.notNull())
		.addColumn('height', 'integer', (c) => c.notNull())
		.addColumn('sha256', 'text', (c) => c.notNull())
		.addColumn('source', 'text', (c) => c.notNull()) // upload | url:<address>
		.addColumn('camera_id', 'text')
		.addColumn('captured_at', 'integer')
		.addColumn('uploaded_by', 'integer', (c) => c.references('users.id'))
		.addColumn('created_at', 'integer', (c) => c.notNull())
		.execute();
	await db.schema.createIndex('evidence_files_alert').on('evidence_files').columns(['alert_id']).execute();
	await db.schema.createIndex('evidence_files_enforcement').on('evidence_files').columns(['enforcement_id']).execute();
	await sql`CREATE TRIGGER evidence_files_fixed BEFORE UPDATE OF path, sha256, bytes, captured_at, alert_id ON evidence_files BEGIN SELECT RAISE(ABORT, 'evidence files are fixed once recorded'); END`.execute(db);
	await sql`CREATE TRIGGER evidence_files_no_delete BEFORE DELETE ON evidence_files BEGIN SELECT RAISE(ABORT, 'evidence files are never deleted'); END`.execute(db);

	await db.schema
		.createTable('sms_messages')
		.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
		.addColumn('enforcement_id', 'integer', (c) => c.notNull().references('enforcement_cases.id'))
		.addColumn('phone', 'text', (c) => c.notNull())
		.addColumn('body', 'text', (c) => c.notNull())
		.addColumn('provider', 'text', (c) => c.notNull())
		.addColumn('provider_ref', 'text')
		.addColumn('status', 'text', (c) => c.notNull()) // sent | failed
		.addColumn('sent_by', 'integer', (c) => c.notNull().references('users.id'))
		.addColumn('sent_at', 'integer', (c) => c.notNull())
		.execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
	for (const t of ['sms_messages', 'evidence_files', 'alerts', 'enforcement_events', 'enforcement_cases', 'enforcement_rules', 'shops', 'cameras']) {
		await db.schema.dropTable(t).execute();
	}
	await db.schema.alterTable('api_keys').dropColumn('integration').execute();
}
