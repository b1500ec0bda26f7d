// Applies every pending migration to DATABASE_PATH (default data/gridcase.db); exits non-zero on failure.
import { createDatabase } from '../src/lib/server/db/create-database';
import { migrateToLatest } from '../src/lib/server/db/migrate';
import { ensureCounts } from '../src/lib/server/services/stats/rebuild';

const path = process.env.DATABASE_PATH ?? 'data/gridcase.db';
const db = createDatabase(path);
try {
	await migrateToLatest(db, (line) => console.log(line));
	const built = await ensureCounts(db);
	if (built !== null) console.log(`statistics counts built from the records: ${built} rows`);
	console.log(`database ${path} is up to date`);
} catch (e) {
	console.error('migration failed:', e);
	process.exitCode = 1;
} finally {
	await db.destroy();
}
