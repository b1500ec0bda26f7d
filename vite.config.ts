import { sveltekit } from '@sveltejs/kit/vite';
import { paraglideVitePlugin } from '@inlang/paraglide-js';
import { configDefaults, defineConfig } from 'vitest/config';

const PG_TESTS = 'src/**/*.pg.test.ts';

/** The suites that run on SQLite and again on PostgreSQL (project unit-pg): the same answers from both. */
const ON_BOTH_DATABASES = [
	'src/lib/server/repositories/**/*.test.ts',
	'src/lib/server/services/**/*.test.ts',
	'seeds/demo-year/demo-year.test.ts'
];

/** Of those, the files that are about SQLite itself, each with why (they run in the unit project only). */
const SQLITE_ONLY: Record<string, string> = {
	'src/lib/server/services/records/backup-restore.test.ts':
		'npm run backup copies the SQLite file; PostgreSQL uses pg_dump',
	'src/lib/server/services/records/append-only.test.ts':
		'REPLACE, UPDATE and DELETE from a second better-sqlite3 connection (PostgreSQL: db/append-only.pg.test.ts)',
	'src/lib/server/services/records/verify-against.test.ts': 'holds the chains against a backup made by npm run backup',
	'src/lib/server/services/records/sealed-records.test.ts':
		'edits the SQLite file behind the triggers through a second better-sqlite3 connection, and runs SQLite migration 016 down and up',
	'src/lib/server/repositories/hotline-import-jobs.test.ts':
		"the app's SQLite connection and its WAL, which a bulk import's checkpoint works around"
};

export default defineConfig({
	plugins: [
		paraglideVitePlugin({
			project: './project.inlang',
			outdir: './src/lib/paraglide',
			strategy: ['cookie', 'baseLocale']
		}),
		sveltekit()
	],
	test: {
		environment: 'node',
		testTimeout: 20000,
		projects: [
			{
				extends: true,
				test: {
					name: 'unit',
					include: ['src/**/*.test.ts', 'scripts/**/*.test.ts', 'seeds/**/*.test.ts'],
					exclude: [...configDefaults.exclude, PG_TESTS]
				}
			},
			{
				// The PostgreSQL tests share one throwaway cluster, started only when one of them runs.
				extends: true,
				test: { name: 'pg', include: [PG_TESTS], globalSetup: ['src/lib/server/db/pg-global-setup.ts'] }
			},
			{
				// The same suites again on PostgreSQL: createTestDb() copies a template database the set-up made.
				extends: true,
				test: {
					name: 'unit-pg',
					include: ON_BOTH_DATABASES,
					exclude: [...configDefaults.exclude, PG_TESTS, ...Object.keys(SQLITE_ONLY)],
					globalSetup: ['src/lib/server/db/pg-suite-setup.ts']
				}
			}
		]
	}
});
