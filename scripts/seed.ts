// Migrates DATABASE_PATH, loads base data, then demo accounts and demo cases.
//   npm run seed                 base + demo data (refuses if users already exist)
//   npm run seed -- --if-empty   same, but silently skips the demo part when users exist
//   npm run seed -- --base-only  base data only (no users: then `npm run user:create`)
import { openDatabase } from '../src/lib/server/db/create-database';
import { migrateToLatest } from '../src/lib/server/db/migrate';
import { databaseLabel, databaseTarget } from '../src/lib/server/config';
import { countUsers } from '../src/lib/server/repositories/users';
import { loadReferenceData } from '../src/lib/server/repositories/reference-data';
import { seedDemoUsers } from '../seeds/demo-users';
import { seedDemoCases } from '../seeds/demo-cases';
import { seedDemoHotline } from '../seeds/demo-hotline';
import { seedDemoCameras } from '../seeds/demo-cameras';
import { seedDemoEnforcement } from '../seeds/demo-enforcement';
import { seedDemoShops } from '../seeds/demo-shops';
import { seedDemoYear } from '../seeds/demo-year';
import { ensureCounts } from '../src/lib/server/services/stats/rebuild';
import { LoggingCityPlatform } from '../src/lib/server/city-platform';
import { drainDueUpdates } from '../src/lib/server/services/hotline/city-sender';

const args = new Set(process.argv.slice(2));
const path = databaseLabel();
const db = openDatabase(databaseTarget());
try {
	await migrateToLatest(db, (l) => console.log(l));
	// Built now (from whatever is there) and kept by every write the seed makes through the services.
	const built = await ensureCounts(db);
	if (built !== null) console.log(`statistics counts built from the records: ${built} rows`);
	await loadReferenceData(db, (l) => console.log(l));
	if (!args.has('--base-only')) {
		if ((await countUsers(db)) > 0) {
			if (!args.has('--if-empty'))
				throw new Error(`${path} already has users; demo data is only added to a new database`);
			console.log('demo data: users exist, skipped');
		} else {
			const now = Date.now();
			const users = await seedDemoUsers(db, now);
			const cameras = await seedDemoCameras(db, now);
			const shops = await seedDemoShops(db, users.get('zhifa')!, now);
			// Alerts first: the grid cases below must not absorb them as duplicates.
			const enforcement = await seedDemoEnforcement(db, shops, now);
			const started = Date.now();
			const year = await seedDemoYear(db, shops, now);
			console.log(
				`demo history since 2023-01-01: ${year.cases} grid cases, ${year.orders} 12345 orders, ${year.enforcement} enforcement cases (${((Date.now() - started) / 1000).toFixed(1)} s)`
			);
			const cases = await seedDemoCases(db, users, now);
			const orders = await seedDemoHotline(db, now);
			// The history's updates to the city were sent when they happened: through the log adapter, one line for all.
			const sending = Date.now();
			const city = await drainDueUpdates(db, new LoggingCityPlatform(() => {}), { log: () => {} });
			console.log(
				`demo updates to the city platform: ${city.delivered} delivered through the log adapter (${((Date.now() - sending) / 1000).toFixed(1)} s)`
			);
			console.log(
				`demo data: ${users.size} users, ${cases} cases, ${orders} 12345 orders, ${cameras} cameras, ${shops.size} shops, ${enforcement.alerts} camera alerts, ${enforcement.cases} enforcement cases`
			);
		}
	}
	console.log(`seeded ${path}`);
} catch (e) {
	console.error('seed failed:', e instanceof Error ? e.message : e);
	process.exitCode = 1;
} finally {
	await db.destroy();
}
