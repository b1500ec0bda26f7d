import { Migrator, type Migration, type MigrationProvider } from 'kysely';
import type { Db } from './create-database';
import { assertReachable, isPostgres } from './postgres';
import * as m001 from '../../../../migrations/2026-11-27-001-foundation';
import * as m002 from '../../../../migrations/2026-11-27-002-hotline';
import * as m003 from '../../../../migrations/2026-11-27-003-enforcement';
import * as m004 from '../../../../migrations/2026-11-27-004-efficient-deadline';
import * as m005 from '../../../../migrations/2026-11-27-005-list-indexes';
import * as m006 from '../../../../migrations/2026-11-27-006-stat-counts';
import * as m007 from '../../../../migrations/2026-11-27-007-audit-log';
import * as m008 from '../../../../migrations/2026-11-27-008-accounts';
import * as m009 from '../../../../migrations/2026-11-27-009-category-limits';
import * as m010 from '../../../../migrations/2026-11-27-010-boundary-versions';
import * as m011 from '../../../../migrations/2026-11-27-011-community-shapes';
import * as m012 from '../../../../migrations/2026-11-27-012-order-area';
import * as m013 from '../../../../migrations/2026-11-27-013-open-deadline-index';
import * as m014 from '../../../../migrations/2026-11-27-014-field-submissions';
import * as m015 from '../../../../migrations/2026-11-27-015-everyday-aliases';
import * as m016 from '../../../../migrations/2026-11-27-016-sealed-records';
import * as m017 from '../../../../migrations/2026-11-27-017-place-names';
import * as m018 from '../../../../migrations/2026-11-27-018-city-outbox';
import * as m019 from '../../../../migrations/2026-11-27-019-order-case-links';
import * as m020 from '../../../../migrations/2026-11-27-020-issued-documents';
import * as m021 from '../../../../migrations/2026-12-06-021-number-series';
import * as m022 from '../../../../migrations/2026-12-06-022-shared-servers';
import * as m023 from '../../../../migrations/2026-12-07-023-open-order-index';
import * as m024 from '../../../../migrations/2026-12-07-024-documents-no-replace';
import * as m025 from '../../../../migrations/2026-12-07-025-known-sign-ins';
import * as pg001 from '../../../../migrations/postgres/2026-12-06-001-baseline';
import * as pg002 from '../../../../migrations/postgres/2026-12-06-002-number-series';
import * as pg003 from '../../../../migrations/postgres/2026-12-06-003-shared-servers';
import * as pg004 from '../../../../migrations/postgres/2026-12-07-004-open-order-index';
import * as pg005 from '../../../../migrations/postgres/2026-12-07-005-known-sign-ins';

/** Static list: migrations are bundled with the server build, so no directory scanning at run time. */
const migrations: Record<string, Migration> = {
	'2026-11-27-001-foundation': m001,
	'2026-11-27-002-hotline': m002,
	'2026-11-27-003-enforcement': m003,
	'2026-11-27-004-efficient-deadline': m004,
	'2026-11-27-005-list-indexes': m005,
	'2026-11-27-006-stat-counts': m006,
	'2026-11-27-007-audit-log': m007,
	'2026-11-27-008-accounts': m008,
	'2026-11-27-009-category-limits': m009,
	'2026-11-27-010-boundary-versions': m010,
	'2026-11-27-011-community-shapes': m011,
	'2026-11-27-012-order-area': m012,
	'2026-11-27-013-open-deadline-index': m013,
	'2026-11-27-014-field-submissions': m014,
	'2026-11-27-015-everyday-aliases': m015,
	'2026-11-27-016-sealed-records': m016,
	'2026-11-27-017-place-names': m017,
	'2026-11-27-018-city-outbox': m018,
	'2026-11-27-019-order-case-links': m019,
	'2026-11-27-020-issued-documents': m020,
	'2026-12-06-021-number-series': m021,
	'2026-12-06-022-shared-servers': m022,
	'2026-12-07-023-open-order-index': m023,
	'2026-12-07-024-documents-no-replace': m024,
	'2026-12-07-025-known-sign-ins': m025
};

/**
 * PostgreSQL's own set (migrations/postgres/): it starts from a baseline equal to the schema the
 * SQLite set leaves, and every later change is a migration in both sets.
 */
const postgresMigrations: Record<string, Migration> = {
	'2026-12-06-001-baseline': pg001,
	'2026-12-06-002-number-series': pg002,
	'2026-12-06-003-shared-servers': pg003,
	'2026-12-07-004-open-order-index': pg004,
	'2026-12-07-005-known-sign-ins': pg005
};

const provider = (set: Record<string, Migration>): MigrationProvider => ({ getMigrations: async () => set });

/**
 * Applies the pending migrations of the database's own set. On PostgreSQL, Kysely's migrator holds
 * a session advisory lock (pg_advisory_lock) while it runs, in one transaction: a second server
 * migrating at the same moment waits, then finds nothing left to do. SQLite's single writer does
 * the same with its lock table.
 */
export async function migrateToLatest(db: Db, log: (line: string) => void = () => {}): Promise<void> {
	await assertReachable(db);
	const set = isPostgres(db) ? postgresMigrations : migrations;
	// eslint-disable-next-line @typescript-eslint/no-explicit-any
	const migrator = new Migrator({ db: db as any, provider: provider(set) });
	const { error, results } = await migrator.migrateToLatest();
	for (const r of results ?? []) log(`migration ${r.migrationName}: ${r.status}`);
	if (error) throw error instanceof Error ? error : new Error(String(error));
}
