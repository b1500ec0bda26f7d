import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase, type Db } from '../db/create-database';
import { migrateToLatest } from '../db/migrate';
import { pgTestDatabase } from '../db/pg-test-db';
import { nextInSeries } from './number-series';

// Numbers are taken by many writers at once on PostgreSQL (several app servers, a pool each): each
// writer's transaction holds the series' row until it ends, so the numbers taken by committed writes
// run 1, 2, 3… with no number twice and none skipped, even when some writes roll back. The same
// table runs on SQLite, where writers take turns anyway.
const WRITERS = 50;
const ROLLED_BACK = new Set([7, 23, 41]);

describe.each(['sqlite', 'postgres'] as const)('numbered series on %s', (dialect) => {
	let db: Db;
	let cleanup: () => Promise<void>;
	beforeAll(async () => {
		if (dialect === 'sqlite') {
			db = createDatabase(':memory:');
			cleanup = () => db.destroy();
		} else ({ db, cleanup } = await pgTestDatabase());
		await migrateToLatest(db);
	});
	afterAll(async () => {
		await cleanup?.();
	});

	it(`${WRITERS} writers at once, three rolling back: committed numbers are 1…${WRITERS - 3}, each once`, async () => {
		const taken = await Promise.all(
			Array.from({ length: WRITERS }, (_, i) =>
				db
					.transaction()
					.execute(async (trx) => {
						const n = await nextInSeries(trx, 'case:2026-12-06', async () => 0);
						// A little work while the number is held, as a real write does.
						await trx.selectFrom('number_series').select('last').execute();
						if (ROLLED_BACK.has(i)) throw new Error('rolled back');
						return n;
					})
					.catch((e: Error) => (e.message === 'rolled back' ? null : Promise.reject(e)))
			)
		);
		const committed = taken.filter((n): n is number => n !== null).sort((a, b) => a - b);
		expect(committed).toEqual(Array.from({ length: WRITERS - ROLLED_BACK.size }, (_, i) => i + 1));
	});

	it('a series used for the first time starts after the records numbered before it; series are apart', async () => {
		const first = await db.transaction().execute((trx) => nextInSeries(trx, 'decision:2025', async () => 12));
		const second = await db.transaction().execute((trx) => nextInSeries(trx, 'decision:2025', async () => 99));
		const other = await db.transaction().execute((trx) => nextInSeries(trx, 'notice:2025', async () => 0));
		expect([first, second, other]).toEqual([13, 14, 1]);
	});
});
