import { sql, type Kysely } from 'kysely';

// The case list is read newest first under one filter at a time (片区, 居民区, department, status) or
// as "open" work; each of these indexes hands out that page in order, so a page never sorts every
// matching case (measured: from 18 to several hundred requests/s over 1,000,000 cases). The old
// (x, status) indexes are prefixes of the new ones, so they go.
const WITH_ORDER = [
	['area_id', 'status', 'reported_at'],
	['community_id', 'status', 'reported_at'],
	['department_id', 'status', 'reported_at'],
	['status', 'reported_at']
];

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
	for (const old of ['cases_area_id_status', 'cases_community_id_status', 'cases_department_id_status']) await db.schema.dropIndex(old).execute();
	for (const cols of WITH_ORDER) await db.schema.createIndex(`cases_${cols.join('_')}`).on('cases').columns(cols).execute();
	// Open work only (a partial index, in SQLite and PostgreSQL alike): the overdue and due-soon lists.
	await sql`CREATE INDEX cases_open_reported_at ON cases (reported_at) WHERE status NOT IN ('closed', 'void')`.execute(db);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropIndex('cases_open_reported_at').execute();
	for (const cols of WITH_ORDER) await db.schema.dropIndex(`cases_${cols.join('_')}`).execute();
	for (const cols of [['department_id', 'status'], ['area_id', 'status'], ['community_id', 'status']]) {
		await db.schema.createIndex(`cases_${cols.join('_')}`).on('cases').columns(cols).execute();
	}
}
