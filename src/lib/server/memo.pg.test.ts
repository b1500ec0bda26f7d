import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { openDatabase, type Db } from './db/create-database';
import { migrateToLatest } from './db/migrate';
import { pgTestDatabase, type PgTestDb } from './db/pg-test-db';
import { sharedWriteVersion } from './db/write-version';
import { memo } from './memo';

// Two app servers on one database: two pools of their own, as two processes would have.
let pg: PgTestDb;
let serverB: Db;
beforeAll(async () => {
	pg = await pgTestDatabase();
	await migrateToLatest(pg.db);
	serverB = openDatabase(pg.url);
});
afterAll(async () => {
	await serverB?.destroy();
	await pg?.cleanup();
});
const serverA = () => pg.db;
const countSettings = (db: Db) => async () => (await db.selectFrom('settings').select('key').execute()).length;

describe('the totals cache on PostgreSQL, across servers', () => {
	it('server B keeps its total until server A writes, then counts again and sees the write', async () => {
		const m = memo<number>(60_000);
		let calls = 0;
		const count = countSettings(serverB);
		const counted = () => (calls++, count());
		const before = await m.get(serverB, 'settings', 1_000, counted);
		expect(await m.get(serverB, 'settings', 2_000, counted)).toBe(before);
		expect(calls).toBe(1);
		await serverA().insertInto('settings').values({ key: 'memo.a', value: '1' }).execute();
		expect(await m.get(serverB, 'settings', 3_000, counted)).toBe(before + 1);
		expect(calls).toBe(2);
		expect(await m.get(serverB, 'settings', 4_000, counted)).toBe(before + 1);
		expect(calls).toBe(2);
	});

	it('one bump per write transaction, however many statements; none for a rolled-back one or the bookkeeping tables', async () => {
		const v0 = await sharedWriteVersion(serverB);
		await serverA()
			.transaction()
			.execute(async (trx) => {
				for (const key of ['memo.b', 'memo.c', 'memo.d'])
					await trx.insertInto('settings').values({ key, value: '1' }).execute();
				await trx.updateTable('settings').set({ value: '2' }).where('key', 'like', 'memo.%').execute();
			});
		const v1 = await sharedWriteVersion(serverB);
		expect(Number(v1.slice(3)) - Number(v0.slice(3))).toBe(1);
		await expect(
			serverA()
				.transaction()
				.execute(async (trx) => {
					await trx.insertInto('settings').values({ key: 'memo.e', value: '1' }).execute();
					throw new Error('rolled back');
				})
		).rejects.toThrow('rolled back');
		await serverA()
			.insertInto('login_throttle')
			.values({ key: 'memo', failures: 1, first_failure_at: 0, locked_until: null })
			.execute();
		expect(await sharedWriteVersion(serverB)).toBe(v1);
		await sql`DELETE FROM settings WHERE key = 'memo.b'`.execute(serverA());
		expect(await sharedWriteVersion(serverB)).not.toBe(v1);
	});
});
