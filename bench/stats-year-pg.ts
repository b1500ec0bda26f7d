// The PostgreSQL half of the yearly statistics benchmark: a throwaway cluster, migrated by the app's
// own PostgreSQL migrations, given a copy of the SQLite file's rows; a rebuild of the counts from
// those rows on PostgreSQL must find no difference with the copied counts before anything is timed.
import type Database from 'better-sqlite3';
import pg from 'pg';
import { openDatabase, type Db } from '../src/lib/server/db/create-database';
import { migrateToLatest } from '../src/lib/server/db/migrate';
import { startPgCluster } from '../src/lib/server/db/pg-cluster';
import { rebuildCounts } from '../src/lib/server/services/stats/rebuild';
import { copySqliteToPg } from './pg-copy';

export async function onPostgresToo<T>(
	sqlite: Database.Database,
	say: (line: string) => void,
	measure: (db: Db, pool: pg.Pool) => Promise<T>
): Promise<{ measured: T; copyMs: number; rebuildMs: number; differences: number }> {
	const cluster = await startPgCluster();
	try {
		const url = await cluster.createDatabase('gridcase_bench');
		const db = openDatabase(url);
		const pool = new pg.Pool({ connectionString: url, max: 2 });
		// Said, not thrown: a connection the server closes between two queries must not end the run.
		pool.on('error', (e) => say(`PostgreSQL: an idle connection of the plain queries failed (${e.message})`));
		try {
			await migrateToLatest(db);
			let t = performance.now();
			const copied = await copySqliteToPg(sqlite, url);
			const copyMs = performance.now() - t;
			const rows = [...copied.values()].reduce((a, b) => a + b, 0);
			say(
				`PostgreSQL ${cluster.port}: ${rows.toLocaleString('en')} rows of ${copied.size} tables copied in ${(copyMs / 1000).toFixed(0)} s`
			);
			t = performance.now();
			const check = await rebuildCounts(db, { write: false });
			const rebuildMs = performance.now() - t;
			say(
				`PostgreSQL: the counts rebuilt from its rows in ${(rebuildMs / 1000).toFixed(0)} s, ${check.differences.length} differences`
			);
			return { measured: await measure(db, pool), copyMs, rebuildMs, differences: check.differences.length };
		} finally {
			await pool.end();
			await db.destroy();
		}
	} finally {
		await cluster.stop();
	}
}
