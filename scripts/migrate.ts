// Applies every pending migration to DATABASE_URL (PostgreSQL, or a SQLite file) or else DATABASE_PATH
// (default data/gridcase.db); exits non-zero on failure.
import { databaseLabel, databaseTarget } from '../src/lib/server/config';
import { openDatabase } from '../src/lib/server/db/create-database';
import { migrateToLatest } from '../src/lib/server/db/migrate';
import { DatabaseUnreachableError } from '../src/lib/server/db/postgres';
import { ensureCounts } from '../src/lib/server/services/stats/rebuild';

const path = databaseLabel();
const db = openDatabase(databaseTarget());
try {
	await migrateToLatest(db, (line) => console.log(line));
	const built = await ensureCounts(db);
	if (built !== null) console.log(`statistics counts built from the records: ${built} rows`);
	console.log(`database ${path} is up to date`);
} catch (e) {
	console.error('migration failed:', e instanceof DatabaseUnreachableError ? e.message : e);
	process.exitCode = 1;
} finally {
	await db.destroy();
}
