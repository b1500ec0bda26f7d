// For *.pg.test.ts files: a database of their own in the run's throwaway cluster (pg-global-setup.ts),
// opened through the same switch as the app (openDatabase with a postgres:// URL).
import { inject } from 'vitest';
import { openDatabase, type Db } from './create-database';
import { createDatabaseIn, dropDatabaseIn } from './pg-cluster';

export interface PgTestDb {
	url: string;
	db: Db;
	/** Closes the pool and drops the database. */
	cleanup(): Promise<void>;
}

export async function pgTestDatabase(): Promise<PgTestDb> {
	const admin = inject('pgClusterUrl');
	const url = await createDatabaseIn(admin);
	const db = openDatabase(url);
	return {
		url,
		db,
		async cleanup() {
			await db.destroy();
			await dropDatabaseIn(admin, url);
		}
	};
}
