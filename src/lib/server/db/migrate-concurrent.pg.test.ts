import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from './create-database';
import { migrateToLatest } from './migrate';
import { pgTestDatabase, type PgTestDb } from './pg-test-db';
import { loadReferenceData } from '../repositories/reference-data';

// Two app servers started at once against a new PostgreSQL database both migrate at start. Kysely's
// migrator takes an advisory lock first: one applies every migration while the other waits, then
// finds nothing left to do. Neither fails, and each migration is applied once. The base data they
// both load next is loaded once too.
let t: PgTestDb;
let servers: Db[] = [];
beforeAll(async () => {
	t = await pgTestDatabase();
	servers = [openDatabase(t.url), openDatabase(t.url)];
});
afterAll(async () => {
	for (const db of servers) await db.destroy();
	await t?.cleanup();
});

describe('two servers migrating one new PostgreSQL database at once', () => {
	it('one applies the migrations, the other waits and applies none; each is recorded once', async () => {
		const logs: string[][] = [[], []];
		await Promise.all(servers.map((db, i) => migrateToLatest(db, (line) => logs[i].push(line))));
		const applied = await t.db
			.selectFrom('kysely_migration' as never)
			.select('name' as never)
			.execute();
		expect(applied.length).toBeGreaterThanOrEqual(2);
		// One server's log names every migration as applied; the other's is empty.
		const sizes = logs.map((l) => l.length).sort((a, b) => a - b);
		expect(sizes).toEqual([0, applied.length]);
		expect(logs.flat().every((line) => line.endsWith(': Success'))).toBe(true);
		// And the schema works: a table of the last migration is there.
		expect(await t.db.selectFrom('number_series').selectAll().execute()).toEqual([]);
	});

	it('then both load the base data: one loads it, the other finds it there', async () => {
		const loaded = await Promise.all(servers.map((db) => loadReferenceData(db)));
		expect(loaded.map((lines) => lines.length > 0).sort()).toEqual([false, true]);
		const again = await loadReferenceData(t.db);
		expect(again).toEqual([]);
		const departments = await t.db.selectFrom('departments').select('name').execute();
		expect(new Set(departments.map((d) => d.name)).size).toBe(departments.length);
	});
});
