import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import * as m004 from '../../../../migrations/2026-11-27-004-efficient-deadline';
import * as m005 from '../../../../migrations/2026-11-27-005-list-indexes';
import * as m006 from '../../../../migrations/2026-11-27-006-stat-counts';
import * as m013 from '../../../../migrations/2026-11-27-013-open-deadline-index';
import * as m014 from '../../../../migrations/2026-11-27-014-field-submissions';
import * as m016 from '../../../../migrations/2026-11-27-016-sealed-records';
import * as m018 from '../../../../migrations/2026-11-27-018-city-outbox';
import * as m019 from '../../../../migrations/2026-11-27-019-order-case-links';
import * as m020 from '../../../../migrations/2026-11-27-020-issued-documents';
import * as m023 from '../../../../migrations/2026-12-07-023-open-order-index';
import { createDatabase } from './create-database';
import { migrateToLatest } from './migrate';

const db = createDatabase(':memory:');
afterAll(async () => {
	await db.destroy();
});

/** The names in the schema (tables, indexes, triggers) that meet a condition, in order. */
const schemaNames = async (where: string) =>
	(await sql.raw<{ name: string }>(`SELECT name FROM sqlite_master WHERE ${where} ORDER BY name`).execute(db)).rows.map(
		(r) => r.name
	);
const triggersOf = (table: string) => schemaNames(`type = 'trigger' AND tbl_name = '${table}'`);

// Migrations take Kysely<any>: they must not depend on the app's types, which change later.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const anyDb = db as any;

const caseColumns = async () =>
	(await sql<{ name: string; type: string; notnull: number }>`PRAGMA table_info(cases)`.execute(db)).rows;

describe('migrations 004 (cases.efficient_deadline_at) and 005 (list indexes)', () => {
	it('runs in order after 001–003 and adds a nullable integer column', async () => {
		const log: string[] = [];
		await migrateToLatest(db, (l) => log.push(l));
		expect(log).toEqual([
			'migration 2026-11-27-001-foundation: Success',
			'migration 2026-11-27-002-hotline: Success',
			'migration 2026-11-27-003-enforcement: Success',
			'migration 2026-11-27-004-efficient-deadline: Success',
			'migration 2026-11-27-005-list-indexes: Success',
			'migration 2026-11-27-006-stat-counts: Success',
			'migration 2026-11-27-007-audit-log: Success',
			'migration 2026-11-27-008-accounts: Success',
			'migration 2026-11-27-009-category-limits: Success',
			'migration 2026-11-27-010-boundary-versions: Success',
			'migration 2026-11-27-011-community-shapes: Success',
			'migration 2026-11-27-012-order-area: Success',
			'migration 2026-11-27-013-open-deadline-index: Success',
			'migration 2026-11-27-014-field-submissions: Success',
			'migration 2026-11-27-015-everyday-aliases: Success',
			'migration 2026-11-27-016-sealed-records: Success',
			'migration 2026-11-27-017-place-names: Success',
			'migration 2026-11-27-018-city-outbox: Success',
			'migration 2026-11-27-019-order-case-links: Success',
			'migration 2026-11-27-020-issued-documents: Success',
			'migration 2026-12-06-021-number-series: Success',
			'migration 2026-12-06-022-shared-servers: Success',
			'migration 2026-12-07-023-open-order-index: Success',
			'migration 2026-12-07-024-documents-no-replace: Success',
			'migration 2026-12-07-025-known-sign-ins: Success'
		]);
		expect((await caseColumns()).find((c) => c.name === 'efficient_deadline_at')).toMatchObject({
			type: 'INTEGER',
			notnull: 0
		});
	});

	it('the list indexes: each filter hands out its page in reported-at order; down restores the old ones', async () => {
		const indexes = () => schemaNames(`type = 'index' AND tbl_name = 'cases' AND name NOT LIKE 'sqlite_%'`);
		expect(await indexes()).toEqual(
			expect.arrayContaining([
				'cases_area_id_status_reported_at',
				'cases_community_id_status_reported_at',
				'cases_department_id_status_reported_at',
				'cases_status_reported_at',
				'cases_open_reported_at',
				'cases_open_stage_deadline_at'
			])
		);
		expect(await indexes()).not.toContain('cases_area_id_status');
		const plan = async (where: string) =>
			(
				await sql
					.raw<{ detail: string }>(
						`EXPLAIN QUERY PLAN SELECT id FROM cases WHERE ${where} ORDER BY reported_at DESC, id DESC LIMIT 20`
					)
					.execute(db)
			).rows
				.map((r) => r.detail)
				.join(' | ');
		expect(await plan("status = 'handling' AND area_id = 2")).not.toContain('TEMP B-TREE');
		expect(await plan("stage_deadline_at < 1 AND status NOT IN ('closed', 'void')")).toContain(
			'cases_open_reported_at'
		);
		await m005.down(anyDb);
		expect(await indexes()).toContain('cases_area_id_status');
		await m005.up(anyDb);
		expect(await indexes()).toContain('cases_open_reported_at');
	});

	it('013: overdue and due-soon totals read only the open cases in the deadline range; down drops the index', async () => {
		const plan = async (q: string) =>
			(await sql.raw<{ detail: string }>(`EXPLAIN QUERY PLAN ${q}`).execute(db)).rows.map((r) => r.detail).join(' | ');
		const overdueTotal = "SELECT count(*) FROM cases WHERE stage_deadline_at < 1 AND status NOT IN ('closed', 'void')";
		expect(await plan(overdueTotal)).toContain('USING INDEX cases_open_stage_deadline_at (stage_deadline_at<?)');
		// The overdue page itself still comes newest first from the open-cases index, without sorting.
		expect(
			await plan(
				`SELECT id FROM cases WHERE stage_deadline_at < 1 AND status NOT IN ('closed', 'void') ORDER BY reported_at DESC, id DESC LIMIT 20`
			)
		).not.toContain('TEMP B-TREE');
		await m013.down(anyDb);
		expect(await plan(`${overdueTotal} AND 1 = 1`)).not.toContain('cases_open_stage_deadline_at');
		await m013.up(anyDb);
	});

	it("023: the open orders' work counts read the index alone, not every open order's row; down restores the narrower index", async () => {
		const plan = async (q: string) =>
			(await sql.raw<{ detail: string }>(`EXPLAIN QUERY PLAN ${q}`).execute(db)).rows.map((r) => r.detail).join(' | ');
		// The shape of countOrdersByStatus (repositories/hotline-orders.ts) for a dispatcher.
		const workCounts = `SELECT status, count(*), sum(CASE WHEN due_at < 1 THEN 1 ELSE 0 END),
			sum(CASE WHEN warn_at <= 1 AND due_at >= 1 THEN 1 ELSE 0 END)
			FROM hotline_orders WHERE status IN ('received', 'assigned', 'handling') GROUP BY status`;
		expect(await plan(workCounts)).toContain('USING COVERING INDEX hotline_orders_status_deadlines (status=?)');
		await m023.down(anyDb);
		expect(await plan(workCounts)).toContain('USING INDEX hotline_orders_status_due_at (status=?)');
		expect(await plan(workCounts)).not.toContain('COVERING');
		await m023.up(anyDb);
	});

	it('down drops the column and up adds it again', async () => {
		await m004.down(anyDb);
		expect((await caseColumns()).map((c) => c.name)).not.toContain('efficient_deadline_at');
		await m004.up(anyDb);
		expect((await caseColumns()).map((c) => c.name)).toContain('efficient_deadline_at');
	});

	it('006 adds the statistics counts empty and marked stale (to be rebuilt before use); down removes them', async () => {
		const state = async () =>
			(await db.selectFrom('settings').select('value').where('key', '=', 'stat_counts_state').executeTakeFirst())
				?.value;
		expect(await state()).toBe('stale');
		expect(
			await db
				.selectFrom('stat_counts')
				.select((eb) => eb.fn.countAll<number>().as('n'))
				.executeTakeFirstOrThrow()
		).toEqual({ n: 0 });
		await m006.down(anyDb);
		expect(await state()).toBeUndefined();
		expect(await schemaNames("name = 'stat_counts'")).toEqual([]);
		await m006.up(anyDb);
		expect(await state()).toBe('stale');
	});
});

describe('migration 020 (issued documents)', () => {
	it('seals the table like those of 016; down drops it and its triggers, up restores them', async () => {
		await migrateToLatest(db);
		const triggers = () => triggersOf('enforcement_documents');
		expect(await triggers()).toEqual([
			'enforcement_documents_no_delete',
			'enforcement_documents_no_update',
			'enforcement_documents_sealed_insert'
		]);
		await m020.down(anyDb);
		expect(await triggers()).toEqual([]);
		await m020.up(anyDb);
		expect(await triggers()).toHaveLength(3);
	});
});

describe('migration 014 (field submissions)', () => {
	it('keeps keys append-only, and down/up removes and restores the table and cases.captured_at', async () => {
		await migrateToLatest(db);
		expect((await caseColumns()).find((c) => c.name === 'captured_at')).toMatchObject({ type: 'INTEGER', notnull: 0 });
		const triggers = () => triggersOf('field_submissions');
		expect(await triggers()).toEqual([
			'field_submissions_no_delete',
			'field_submissions_no_replace',
			'field_submissions_no_update'
		]);
		await m016.down(anyDb);
		expect(await triggers()).toEqual(['field_submissions_no_delete', 'field_submissions_no_update']);
		await m014.down(anyDb);
		expect((await caseColumns()).some((c) => c.name === 'captured_at')).toBe(false);
		expect(await triggers()).toEqual([]);
		await m014.up(anyDb);
		expect(await triggers()).toHaveLength(2);
		await m016.up(anyDb);
		expect(await triggers()).toHaveLength(3);
	});
});

describe('migration 019 (order ↔ case links)', () => {
	it('keeps links append-only: no update, no delete, no second link of an order even by REPLACE; down drops the table', async () => {
		await migrateToLatest(db);
		const triggers = () => triggersOf('order_case_links');
		expect(await triggers()).toEqual([
			'order_case_links_no_delete',
			'order_case_links_no_replace',
			'order_case_links_no_update'
		]);
		await sql`PRAGMA foreign_keys = OFF`.execute(db);
		await sql`INSERT INTO order_case_links (order_id, case_id, kind, linked_by, linked_at) VALUES (1, 1, 'opened', 1, 0)`.execute(
			db
		);
		await expect(sql`UPDATE order_case_links SET case_id = 2`.execute(db)).rejects.toThrow(/append-only/);
		await expect(sql`DELETE FROM order_case_links`.execute(db)).rejects.toThrow(/append-only/);
		await expect(
			sql`INSERT OR REPLACE INTO order_case_links (order_id, case_id, kind, linked_by, linked_at) VALUES (1, 2, 'joined', 1, 0)`.execute(
				db
			)
		).rejects.toThrow(/append-only/);
		expect((await sql<{ case_id: number }>`SELECT case_id FROM order_case_links`.execute(db)).rows).toEqual([
			{ case_id: 1 }
		]);
		await m019.down(anyDb);
		expect(await triggers()).toEqual([]);
		await m019.up(anyDb);
		await sql`PRAGMA foreign_keys = ON`.execute(db);
		expect(await triggers()).toHaveLength(3);
	});
});

describe('migration 018 (city outbox, caller and address indexes)', () => {
	it('down removes the outbox and the three order indexes; up restores them', async () => {
		await migrateToLatest(db);
		const names = () =>
			schemaNames(
				`name LIKE 'city_outbox%' OR name IN ('hotline_orders_phone_received_at', 'hotline_orders_citizen_name', 'hotline_orders_address_received_at')`
			);
		const all = [
			'city_outbox',
			'city_outbox_order_id',
			'city_outbox_status_next_attempt_at',
			'hotline_orders_address_received_at',
			'hotline_orders_citizen_name',
			'hotline_orders_phone_received_at'
		];
		expect(await names()).toEqual(all);
		await m018.down(anyDb);
		expect(await names()).toEqual([]);
		await m018.up(anyDb);
		expect(await names()).toEqual(all);
	});
});
