import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase, openDatabase } from './create-database';
import { migrateToLatest } from './migrate';
import { pgTestDatabase, type PgTestDb } from './pg-test-db';
import { sqliteSchemaShape, type SchemaShape } from './schema-shape';
import { postgresSchemaShape } from './schema-shape-pg';
import { UNVERSIONED, VERSION_TRIGGER } from '../../../../migrations/postgres/2026-12-06-003-shared-servers';

// The two migration sets must make the same schema: what SQLite has after its migrations is what
// PostgreSQL has after its own, table by table and column by column.
const sqlite = createDatabase(':memory:');
await migrateToLatest(sqlite);
const expected: SchemaShape = await sqliteSchemaShape(sqlite);
await sqlite.destroy();
const TABLES = Object.keys(expected).sort();

let pg: PgTestDb;
let actual: SchemaShape;
beforeAll(async () => {
	pg = await pgTestDatabase();
	await migrateToLatest(pg.db);
	actual = await postgresSchemaShape(pg.db);
});
afterAll(async () => {
	await pg?.cleanup();
});

describe('the PostgreSQL migrations make the schema the SQLite migrations make', () => {
	it('the same tables', () => {
		expect(TABLES.length).toBeGreaterThanOrEqual(38);
		expect(Object.keys(actual).sort()).toEqual(TABLES);
	});

	it.each(TABLES)('%s: columns in order (type family, nullability, default), keys, constraints, indexes', (t) => {
		const { triggers: _t, ...pgRest } = actual[t];
		const { triggers: _s, ...sqliteRest } = expected[t];
		void _t;
		void _s;
		expect(pgRest).toEqual(sqliteRest);
	});

	it('the same triggers, and PostgreSQL also refuses TRUNCATE wherever a DELETE is refused', () => {
		const withTriggers = TABLES.filter((t) => expected[t].triggers.length > 0);
		expect(withTriggers.length).toBe(10);
		for (const t of TABLES) {
			const refusesDelete = expected[t].triggers.includes(`${t}_no_delete`);
			const extra = refusesDelete ? [`${t}_no_truncate`] : [];
			const own = actual[t].triggers.filter((name) => name !== `${t}_${VERSION_TRIGGER}`);
			expect(own.sort(), t).toEqual([...expected[t].triggers, ...extra].sort());
		}
	});

	it('PostgreSQL alone: every table but the bookkeeping ones bumps write_version (a new table must too)', () => {
		for (const t of TABLES)
			expect(actual[t].triggers.includes(`${t}_${VERSION_TRIGGER}`), t).toBe(!UNVERSIONED.includes(t));
		expect(TABLES.filter((t) => UNVERSIONED.includes(t)).sort()).toEqual([...UNVERSIONED].sort());
	});

	it('the partial indexes are partial on both, on the same condition', () => {
		const partial = (shape: SchemaShape) =>
			Object.values(shape)
				.flatMap((t) => t.indexes)
				.filter((i) => i.where !== null)
				.map((i) => `${i.name}: ${i.where!.join(' ')}`)
				.sort();
		expect(partial(actual)).toEqual([
			"cases_open_reported_at: 'closed' 'void' status",
			"cases_open_stage_deadline_at: 'closed' 'void' status",
			'hotline_orders_citizen_name: citizen_name',
			'hotline_orders_phone_received_at: phone'
		]);
		expect(partial(actual)).toEqual(partial(expected));
	});

	it('the base data the migrations write: the statistics counts start stale', async () => {
		expect(await pg.db.selectFrom('settings').selectAll().execute()).toEqual([
			{ key: 'stat_counts_state', value: 'stale' }
		]);
	});
});

describe('PostgreSQL migrations from two servers at once', () => {
	it('one waits for the other (advisory lock) and then finds nothing to do', async () => {
		const fresh = await pgTestDatabase();
		const second = openDatabase(fresh.url);
		try {
			const logs: string[][] = [[], []];
			await Promise.all([fresh.db, second].map((db, i) => migrateToLatest(db, (l) => logs[i].push(l))));
			// One server ran every migration; the other waited and found nothing left to do.
			expect(logs.flat()).toEqual([
				'migration 2026-12-06-001-baseline: Success',
				'migration 2026-12-06-002-number-series: Success',
				'migration 2026-12-06-003-shared-servers: Success',
				'migration 2026-12-07-004-open-order-index: Success',
				'migration 2026-12-07-005-known-sign-ins: Success'
			]);
			expect(logs.map((l) => l.length).sort()).toEqual([0, 5]);
			expect((await postgresSchemaShape(second)).cases.columns.length).toBe(expected.cases.columns.length);
		} finally {
			await second.destroy();
			await fresh.cleanup();
		}
	});
});
