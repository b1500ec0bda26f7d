import { afterEach, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createDatabase, type Db } from '../db/create-database';
import { migrateToLatest } from '../db/migrate';
import { loadReferenceData } from './reference-data';
import { countRows } from '../test-db';

const counts = async (db: Db) => {
	const n = async (
		table:
			| 'calendar_years'
			| 'areas'
			| 'communities'
			| 'departments'
			| 'categories'
			| 'category_limits'
			| 'enforcement_rules'
	) => countRows(db, table);
	return {
		calendar: await n('calendar_years'),
		areas: await n('areas'),
		communities: await n('communities'),
		departments: await n('departments'),
		categories: await n('categories'),
		limits: await n('category_limits'),
		rules: await n('enforcement_rules')
	};
};

let db: Db | null = null;
afterEach(async () => {
	await db?.destroy();
	db = null;
});

describe('loadReferenceData', () => {
	it('loads every part into an empty database once; a second start loads nothing and changes nothing', async () => {
		db = createDatabase(':memory:');
		await migrateToLatest(db);
		const first = await loadReferenceData(db);
		expect(first.map((l) => l.split(':')[0])).toEqual([
			'calendar',
			'geography',
			'departments',
			'categories',
			'enforcement rules'
		]);
		const loaded = await counts(db);
		expect(loaded.areas).toBeGreaterThan(1);
		expect(loaded.communities).toBeGreaterThan(1);
		expect(loaded.departments).toBe(6);
		expect(loaded.limits).toBe(loaded.categories);
		expect(await loadReferenceData(db)).toEqual([]);
		expect(await counts(db)).toEqual(loaded);
	});

	it('writes nothing when it fails midway, and the next start loads all of it', async () => {
		db = createDatabase(':memory:');
		await migrateToLatest(db);
		// A failure after the calendar, geography and departments are written: the categories refuse the insert.
		await sql`CREATE TRIGGER refuse_categories BEFORE INSERT ON categories BEGIN SELECT RAISE(ABORT, 'disk gone'); END`.execute(
			db
		);
		await expect(loadReferenceData(db)).rejects.toThrow('disk gone');
		expect(await counts(db)).toEqual({
			calendar: 0,
			areas: 0,
			communities: 0,
			departments: 0,
			categories: 0,
			limits: 0,
			rules: 0
		});
		await sql`DROP TRIGGER refuse_categories`.execute(db);
		expect(await loadReferenceData(db)).toHaveLength(5);
		expect((await counts(db)).categories).toBeGreaterThan(20);
	});
});
