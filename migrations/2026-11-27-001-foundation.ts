import { sql, type Kysely } from 'kysely';

// Frozen once shipped. Instants are integer milliseconds (UTC); calendar dates are
// Asia/Shanghai 'YYYY-MM-DD' text.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('departments')
		.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
		.addColumn('name', 'text', (c) => c.notNull().unique())
		.addColumn('kind', 'text', (c) => c.notNull())
		.execute();

	await db.schema
		.createTable('areas')
		.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
		.addColumn('name', 'text', (c) => c.notNull())
		.addColumn('kind', 'text', (c) => c.notNull()) // subdistrict | area
		.addColumn('geometry', 'text', (c) => c.notNull()) // GeoJSON geometry, WGS-84
		.addColumn('effective_from', 'text', (c) => c.notNull())
		.addColumn('effective_to', 'text')
		.execute();

	await db.schema
		.createTable('communities')
		.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
		.addColumn('name', 'text', (c) => c.notNull().unique())
		.addColumn('area_id', 'integer', (c) => c.notNull().references('areas.id'))
		.addColumn('cluster', 'text')
		.addColumn('lng', 'real', (c) => c.notNull())
		.addColumn('lat', 'real', (c) => c.notNull())
		.execute();

	await db.schema
		.createTable('categories')
		.addColumn('code', 'text', (c) => c.primaryKey())
		.addColumn('kind', 'text', (c) => c.notNull())
		.addColumn('major', 'text', (c) => c.notNull())
		.addColumn('minor', 'text', (c) => c.notNull())
		.addColumn('variant', 'text')
		.addColumn('aliases', 'text', (c) => c.notNull()) // JSON array
		.addColumn('urgency', 'text', (c) => c.notNull())
		.addColumn('handle_value', 'real')
		.addColumn('handle_unit', 'text')
		.addColumn('efficient_value', 'real')
		.addColumn('efficient_unit', 'text')
		.addColumn('close_condition', 'text')
		.addColumn('track', 'text', (c) => c.notNull())
		.addColumn('department_id', 'integer', (c) => c.references('departments.id'))
		.addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
		.execute();

	await db.schema
		.createTable('users')
		.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
		.addColumn('username', 'text', (c) => c.notNull().unique())
		.addColumn('display_name', 'text', (c) => c.notNull())
		.addColumn('role', 'text', (c) => c.notNull())
		.addColumn('department_id', 'integer', (c) => c.references('departments.id'))
		.addColumn('area_id', 'integer', (c) => c.references('areas.id'))
		.addColumn('community_id', 'integer', (c) => c.references('communities.id'))
		.addColumn('password_hash', 'text', (c) => c.notNull())
		.addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
		.addColumn('created_at', 'integer', (c) => c.notNull())
		.execute();

	await db.schema
		.createTable('sessions')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('secret_hash', 'text', (c) => c.notNull())
		.addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
		.addColumn('created_at', 'integer', (c) => c.notNull())
		.addColumn('expires_at', 'integer', (c) => c.notNull())
		.execute();
	await db.schema.createIndex('sessions_user').on('sessions').column('user_id').execute();

	await db.schema
		.createTable('login_throttle')
		.addColumn('key', 'text', (c) => c.primaryKey())
		.addColumn('failures', 'integer', (c) => c.notNull())
		.addColumn('first_failure_at', 'integer', (c) => c.notNull())
		.addColumn('locked_until', 'integer')
		.execute();

	await db.schema
		.createTable('calendar_years')
		.addColumn('year', 'integer', (c) => c.primaryKey())
		.addColumn('title', 'text', (c) => c.notNull())
		.addColumn('source', 'text', (c) => c.notNull())
		.execute();
	await db.schema
		.createTable('calendar_days')
		.addColumn('date', 'text', (c) => c.primaryKey())
		.addColumn('year', 'integer', (c) => c.notNull())
		.addColumn('kind', 'text', (c) => c.notNull()) // off | makeup
		.execute();

	await db.schema
		.createTable('settings')
		.addColumn('key', 'text', (c) => c.primaryKey())
		.addColumn('value', 'text', (c) => c.notNull()) // JSON
		.execute();

	await db.schema
		.createTable('cases')
		.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
		.addColumn('code', 'text', (c) => c.notNull().unique())
		.addColumn('track', 'text', (c) => c.notNull())
		.addColumn('source', 'text', (c) => c.notNull())
		.addColumn('status', 'text', (c) => c.notNull())
		.addColumn('resume_status', 'text') // where a pending request or 挂账 returns to
		.addColumn('category_code', 'text', (c) => c.notNull().references('categories.code'))
		.addColumn('urgency', 'text', (c) => c.notNull())
		.addColumn('description', 'text', (c) => c.notNull())
		.addColumn('address', 'text', (c) => c.notNull())
		.addColumn('lng', 'real', (c) => c.notNull())
		.addColumn('lat', 'real', (c) => c.notNull())
		.addColumn('area_id', 'integer', (c) => c.notNull().references('areas.id'))
		.addColumn('community_id', 'integer', (c) => c.notNull().references('communities.id'))
		.addColumn('reporter_id', 'integer', (c) => c.notNull().references('users.id'))
		.addColumn('department_id', 'integer', (c) => c.references('departments.id'))
		.addColumn('handler_id', 'integer', (c) => c.references('users.id'))
		.addColumn('self_handled', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('supervised', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('rework_count', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('reported_at', 'integer', (c) => c.notNull())
		.addColumn('dispatched_at', 'integer')
		.addColumn('deadline_at', 'integer') // handling deadline (rates are judged on it)
		.addColumn('stage_started_at', 'integer', (c) => c.notNull())
		.addColumn('stage_deadline_at', 'integer') // deadline of the current step (countdown badge)
		.addColumn('stage_warn_at', 'integer') // when 75 % of the step's time is used (yellow badge)
		.addColumn('parked_at', 'integer')
		.addColumn('requested_deadline_at', 'integer') // pending 延期
		.addColumn('feedback_at', 'integer')
		.addColumn('closed_at', 'integer')
		.addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
		.addColumn('updated_at', 'integer', (c) => c.notNull())
		.execute();
	for (const cols of [['status', 'stage_deadline_at'], ['department_id', 'status'], ['area_id', 'status'], ['community_id', 'status'], ['reported_at'], ['deadline_at']]) {
		await db.schema.createIndex(`cases_${cols.join('_')}`).on('cases').columns(cols).execute();
	}

	await db.schema
		.createTable('case_events')
		.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
		.addColumn('case_id', 'integer', (c) => c.notNull().references('cases.id'))
		.addColumn('at', 'integer', (c) => c.notNull())
		.addColumn('actor_id', 'integer', (c) => c.notNull().references('users.id'))
		.addColumn('action', 'text', (c) => c.notNull())
		.addColumn('from_status', 'text')
		.addColumn('to_status', 'text', (c) => c.notNull())
		.addColumn('note', 'text')
		.addColumn('payload', 'text') // JSON
		.execute();
	await db.schema.createIndex('case_events_case').on('case_events').columns(['case_id', 'id']).execute();

	await db.schema
		.createTable('attachments')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('case_id', 'integer', (c) => c.notNull().references('cases.id'))
		.addColumn('event_id', 'integer', (c) => c.notNull().references('case_events.id'))
		.addColumn('kind', 'text', (c) => c.notNull()) // before | after | check
		.addColumn('path', 'text', (c) => c.notNull())
		.addColumn('thumb_path', 'text', (c) => c.notNull())
		.addColumn('mime', 'text', (c) => c.notNull())
		.addColumn('width', 'integer', (c) => c.notNull())
		.addColumn('height', 'integer', (c) => c.notNull())
		.addColumn('bytes', 'integer', (c) => c.notNull())
		.addColumn('sha256', 'text', (c) => c.notNull())
		.addColumn('original_name', 'text', (c) => c.notNull())
		.addColumn('captured_at', 'integer')
		.addColumn('lng', 'real')
		.addColumn('lat', 'real')
		.addColumn('uploaded_by', 'integer', (c) => c.notNull().references('users.id'))
		.addColumn('created_at', 'integer', (c) => c.notNull())
		.execute();
	await db.schema.createIndex('attachments_case').on('attachments').column('case_id').execute();

	// The event log is append-only: the database itself refuses edits (SQLite trigger syntax).
	await sql`CREATE TRIGGER case_events_no_update BEFORE UPDATE ON case_events BEGIN SELECT RAISE(ABORT, 'case_events is append-only'); END`.execute(db);
	await sql`CREATE TRIGGER case_events_no_delete BEFORE DELETE ON case_events BEGIN SELECT RAISE(ABORT, 'case_events is append-only'); END`.execute(db);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
	for (const t of ['attachments', 'case_events', 'cases', 'settings', 'calendar_days', 'calendar_years', 'login_throttle', 'sessions', 'users', 'categories', 'communities', 'areas', 'departments']) {
		await db.schema.dropTable(t).execute();
	}
}
