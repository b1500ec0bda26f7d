import { sql, type Kysely } from 'kysely';

// See the SQLite migration 2026-12-06-022-shared-servers: an import's progress in its own row, and
// write_version, the sign that any server's cached totals are stale.
//
// Bumped by a statement-level trigger on every table but a few bookkeeping ones (below), rather than
// by the unit of work: a write that does not go through it (an admin change, a seed, a script)
// cannot forget it, and it costs one small UPDATE per write transaction, not per row: the first
// write statement of a transaction bumps, and a transaction-local setting makes the later ones skip.
// The row stays locked until the commit, so writers would queue on one row; they are spread over
// SLOTS rows by backend, and a reader sums them (any bump changes the sum). The version and the data
// it covers become visible in the same commit, and a reader reads the version first, so cached
// figures are never older than the version they are kept under.

/** Rows of write_version. */
export const SLOTS = 16;
/**
 * Written often, read by no cached total: their writes leave the caches alone. A later migration's
 * table of that kind is listed here too (none exists when this one runs): sign_in_known (005).
 */
export const UNVERSIONED = ['write_version', 'sessions', 'login_throttle', 'hotline_imports', 'sign_in_known'];
export const VERSION_TRIGGER = 'bump_write_version';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
	await sql`ALTER TABLE hotline_imports ADD COLUMN progress_phase text`.execute(db);
	await sql`ALTER TABLE hotline_imports ADD COLUMN progress_rows integer NOT NULL DEFAULT 0`.execute(db);
	await sql`ALTER TABLE hotline_imports ADD COLUMN progress_total integer`.execute(db);
	await sql`ALTER TABLE hotline_imports ADD COLUMN progress_at bigint`.execute(db);
	await sql`CREATE TABLE write_version (slot integer PRIMARY KEY, version bigint NOT NULL)`.execute(db);
	await sql`INSERT INTO write_version (slot, version) SELECT s, 0 FROM generate_series(0, ${sql.lit(SLOTS - 1)}) s`.execute(
		db
	);
	await sql
		.raw(
			`CREATE FUNCTION ${VERSION_TRIGGER}() RETURNS trigger LANGUAGE plpgsql AS $$
			BEGIN
				IF current_setting('gridcase.version_bumped', true) IS DISTINCT FROM 'on' THEN
					UPDATE write_version SET version = version + 1 WHERE slot = pg_backend_pid() % ${SLOTS};
					PERFORM set_config('gridcase.version_bumped', 'on', true);
				END IF;
				RETURN NULL;
			END $$`
		)
		.execute(db);
	for (const table of await versionedTables(db))
		await sql
			.raw(
				`CREATE TRIGGER ${table}_${VERSION_TRIGGER} AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON ${table}
				FOR EACH STATEMENT EXECUTE FUNCTION ${VERSION_TRIGGER}()`
			)
			.execute(db);
}

/** Every app table of the schema but the unversioned ones and the migrator's own. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function versionedTables(db: Kysely<any>): Promise<string[]> {
	const { rows } = await sql<{ name: string }>`
		SELECT tablename AS name FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename`.execute(db);
	return rows.map((r) => r.name).filter((t) => !UNVERSIONED.includes(t) && !t.startsWith('kysely_'));
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
	for (const table of await versionedTables(db))
		await sql.raw(`DROP TRIGGER IF EXISTS ${table}_${VERSION_TRIGGER} ON ${table}`).execute(db);
	await sql.raw(`DROP FUNCTION ${VERSION_TRIGGER}()`).execute(db);
	await sql`DROP TABLE write_version`.execute(db);
	for (const c of ['progress_at', 'progress_total', 'progress_rows', 'progress_phase'])
		await sql.raw(`ALTER TABLE hotline_imports DROP COLUMN ${c}`).execute(db);
}
