import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadReferenceData } from '../repositories/reference-data';
import { countsReady, ensureCounts } from '../services/stats/rebuild';
import { openDatabase, type Db } from './create-database';
import { migrateToLatest } from './migrate';
import { pgTestDatabase, type PgTestDb } from './pg-test-db';

// Two app servers started at once against a new PostgreSQL database run the server's start-up side
// by side: migrations (one applies them while the other waits on the migrator's advisory lock), the
// base data (one loads it while the other waits, then finds it there) and the statistics counts.
// Neither fails, and nothing is loaded twice.
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

describe('two servers starting at once on a new PostgreSQL database', () => {
	it('migrate, load the base data once and build the counts, neither failing', async () => {
		const started = await Promise.all(
			servers.map(async (db) => {
				const migrations: string[] = [];
				await migrateToLatest(db, (line) => migrations.push(line));
				const baseData = await loadReferenceData(db);
				await ensureCounts(db);
				return { migrations, baseData };
			})
		);
		const applied = await t.db
			.selectFrom('kysely_migration' as never)
			.select('name' as never)
			.execute();
		expect(started.map((s) => s.migrations.length).sort((a, b) => a - b)).toEqual([0, applied.length]);
		expect(started.map((s) => s.baseData.length > 0).sort()).toEqual([false, true]);
		expect(await loadReferenceData(t.db)).toEqual([]);
		const departments = await t.db.selectFrom('departments').select('name').execute();
		expect(departments.length).toBeGreaterThan(0);
		expect(new Set(departments.map((d) => d.name)).size).toBe(departments.length);
		expect(await countsReady(t.db)).toBe(true);
	});
});
