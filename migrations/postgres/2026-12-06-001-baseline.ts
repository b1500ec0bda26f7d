import { sql, type Kysely } from 'kysely';
import * as placesPeople from './baseline/places-people';
import * as cases from './baseline/cases';
import * as hotline from './baseline/hotline';
import * as enforcement from './baseline/enforcement';
import * as records from './baseline/records';
import * as sealed from './baseline/sealed';

// PostgreSQL's own migrations start here, with the schema the twenty SQLite migrations (2026-11-27-*)
// leave, in one step: a PostgreSQL database is always made new, never converted from an older
// SQLite schema. The SQLite migrations stay frozen and the two sets then move together, each change
// a migration in both; src/lib/server/db/schema-parity.pg.test.ts compares what they make.
// Translated, not copied: instants (milliseconds) and fines in fen are bigint, read back as numbers
// (src/lib/server/db/postgres.ts); SQLite's autoincrement ids are identity columns (BY DEFAULT: an
// id given is taken, as SQLite takes it, but the sequence does not move past it, so the app leaves
// ids to the database); REAL is double precision; the 0/1 flags stay integer, as the app writes and
// compares them. Frozen once shipped.

/** Base data the SQLite migrations write into a new database (006: the counts start stale). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function baseData(db: Kysely<any>): Promise<void> {
	await sql`INSERT INTO settings (key, value) VALUES ('stat_counts_state', 'stale')`.execute(db);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
	for (const part of [placesPeople, cases, hotline, enforcement, records, sealed]) await part.create(db);
	await baseData(db);
}

const TABLES = [
	...['enforcement_documents', 'sms_messages', 'evidence_files', 'alerts', 'enforcement_events', 'enforcement_cases'],
	...['enforcement_rules', 'shops', 'cameras', 'order_case_links', 'city_outbox', 'hotline_attachments'],
	...['hotline_events', 'hotline_orders', 'hotline_imports', 'field_submissions', 'attachments', 'case_events'],
	...['cases', 'audit_log', 'stat_counts_area', 'stat_counts', 'place_names', 'community_shapes', 'area_shapes'],
	...['boundary_versions', 'category_limits', 'api_keys', 'settings', 'calendar_days', 'calendar_years'],
	...['login_throttle', 'sessions', 'users', 'categories', 'communities', 'areas', 'departments']
];

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
	for (const t of TABLES) await sql.raw(`DROP TABLE ${t}`).execute(db);
	for (const f of sealed.FUNCTIONS) await sql.raw(`DROP FUNCTION ${f}()`).execute(db);
}
