import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { at, HOUR } from '$lib/domain/fixtures/time';
import { gridRow } from '../services/stats/fixtures';
import { createTestDb, type TestDb } from '../test-db';
import { listCases, PAGE_SIZE } from './case-list';

let t: TestDb;
beforeEach(async () => {
	t = await createTestDb();
});
afterEach(() => t.cleanup());

const NOW = at('2026-03-15 10:00');

describe('the case list: a page of cases named from the kept reference lists', () => {
	it('pages newest first and names each row; a renamed or retired department names its cases at once', async () => {
		const ids: number[] = [];
		for (let i = 0; i < PAGE_SIZE + 3; i++)
			ids.push(await gridRow(t.db, { status: 'handling', reportedAt: NOW - i * HOUR }));
		await t.db.updateTable('cases').set({ department_id: null }).where('id', '=', ids[1]).execute();
		const community = await t.db
			.selectFrom('communities')
			.innerJoin('areas', 'areas.id', 'communities.area_id')
			.select(['communities.name as community', 'areas.name as area'])
			.orderBy('communities.id')
			.executeTakeFirstOrThrow();
		const category = await t.db
			.selectFrom('categories')
			.select(['minor', 'variant'])
			.where('code', '=', 'SH-HWSR-01')
			.executeTakeFirstOrThrow();
		const department = await t.db
			.selectFrom('departments')
			.select('name')
			.where('id', '=', 2)
			.executeTakeFirstOrThrow();

		const first = await listCases(t.db, { kind: 'all' }, { status: ['handling'] }, NOW);
		expect(first).toMatchObject({ total: PAGE_SIZE + 3, page: 1, pageCount: 2 });
		expect(first.rows.map((r) => r.id)).toEqual(ids.slice(0, PAGE_SIZE));
		expect(first.rows[0]).toEqual({
			id: ids[0],
			code: expect.any(String),
			status: 'handling',
			category_name: category.minor,
			category_variant: category.variant,
			area_name: community.area,
			community_name: community.community,
			department_name: department.name,
			description: 'x',
			reported_at: NOW,
			stage_started_at: NOW,
			stage_deadline_at: null,
			stage_warn_at: null,
			supervised: 0,
			version: 1
		});
		expect(first.rows[1].department_name).toBeNull();
		const second = await listCases(t.db, { kind: 'all' }, { status: ['handling'], page: 2 }, NOW);
		expect(second.rows.map((r) => r.id)).toEqual(ids.slice(PAGE_SIZE));

		await t.db.updateTable('departments').set({ name: '市容环境所', active: 0 }).where('id', '=', 2).execute();
		expect((await listCases(t.db, { kind: 'all' }, { status: ['handling'] }, NOW)).rows[0].department_name).toBe(
			'市容环境所'
		);
	});
});
