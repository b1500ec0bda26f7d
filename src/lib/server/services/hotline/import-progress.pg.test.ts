import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../db/create-database';
import { migrateToLatest } from '../../db/migrate';
import { pgTestDatabase, type PgTestDb } from '../../db/pg-test-db';
import { endProgress, PROGRESS_EVERY_MS, reportProgress, STALE_MS } from './import-progress';
import { claimImportJob } from './import-runner';
import { loadImportStatus, markInterruptedImports } from './import-upload';

// Two app servers on one PostgreSQL: server A runs the job, server B shows it (its own pool).
let pg: PgTestDb;
let serverB: Db;
let userId: number;
beforeAll(async () => {
	pg = await pgTestDatabase();
	await migrateToLatest(pg.db);
	serverB = openDatabase(pg.url);
	userId = (
		await pg.db
			.insertInto('users')
			.values({ username: 'd', display_name: 'D', role: 'dispatcher', password_hash: 'x', created_at: 0 })
			.returning('id')
			.executeTakeFirstOrThrow()
	).id;
});
afterAll(async () => {
	await serverB?.destroy();
	await pg?.cleanup();
});

async function runningImport(status: 'analysing' | 'committing', progressAt: number | null): Promise<number> {
	return (
		await pg.db
			.insertInto('hotline_imports')
			.values({
				file_name: 'f.csv',
				file_kind: 'csv',
				file_sha256: 'x',
				status,
				mode: status === 'committing' ? 'all_or_nothing' : null,
				report: null,
				created_by: userId,
				created_at: 0,
				finished_at: null,
				progress_phase: 'checking',
				progress_at: progressAt
			})
			.returning('id')
			.executeTakeFirstOrThrow()
	).id;
}
const setRunner = (id: number, runner: string) =>
	pg.db
		.insertInto('settings')
		.values({ key: `import.runner.${id}`, value: runner })
		.execute();

describe('an import job on several servers', () => {
	it("server B shows server A's progress from the import's row, written at most every quarter-second", async () => {
		const id = await runningImport('committing', Date.now());
		await claimImportJob(pg.db, id); // server A runs it (this process)
		const stored = async () =>
			(await serverB.selectFrom('hotline_imports').selectAll().where('id', '=', id).executeTakeFirstOrThrow())
				.progress_rows;
		try {
			await reportProgress(pg.db, id, { phase: 'writing', rows: 2000, total: 10_000 });
			expect(await loadImportStatus(serverB, id)).toMatchObject({
				running: true,
				processed: 2000,
				progress: { phase: 'writing', rows: 2000, total: 10_000 }
			});
			expect(await stored()).toBe(2000);
			// Within the quarter-second: kept in A's memory only; the row still says 2000.
			await reportProgress(pg.db, id, { phase: 'writing', rows: 4000, total: 10_000 });
			expect(await stored()).toBe(2000);
			await new Promise((r) => setTimeout(r, PROGRESS_EVERY_MS + 20));
			await reportProgress(pg.db, id, { phase: 'writing', rows: 6000, total: 10_000 });
			expect(await stored()).toBe(6000);
		} finally {
			endProgress(id);
			await pg.db.updateTable('hotline_imports').set({ status: 'committed' }).where('id', '=', id).execute();
		}
	});

	it('a job of another server is left alone while its progress moves, and interrupted once it has stopped for a while', async () => {
		const fresh = await runningImport('committing', Date.now() - 5_000);
		const stale = await runningImport('analysing', Date.now() - STALE_MS - 1_000);
		await setRunner(fresh, 'another-server:4242');
		await setRunner(stale, 'another-server:4243');
		expect(await markInterruptedImports(serverB)).toEqual([stale]);
		const statuses = await serverB
			.selectFrom('hotline_imports')
			.select(['id', 'status'])
			.where('id', 'in', [fresh, stale])
			.orderBy('id')
			.execute();
		expect(statuses).toEqual([
			{ id: fresh, status: 'committing' },
			{ id: stale, status: 'interrupted' }
		]);
		// A job of this very process is judged by its process, however old its row's figure.
		const mine = await runningImport('analysing', 0);
		await claimImportJob(pg.db, mine);
		expect(await markInterruptedImports(serverB, mine)).toEqual([]);
	});
});
