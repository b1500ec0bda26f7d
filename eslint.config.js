import js from '@eslint/js';
import ts from 'typescript-eslint';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import svelteConfig from './svelte.config.js';

/** A Kysely query builder started on a database or transaction handle. */
const SQL_CALL =
	'CallExpression[callee.property.name=/^(selectFrom|selectNoFrom|insertInto|replaceInto|updateTable|deleteFrom|mergeInto)$/]';
/** Kysely's raw `sql` template. */
const SQL_TEMPLATE = "TaggedTemplateExpression[tag.name='sql']";
// One rule object per file set: a later block's no-restricted-imports replaces an earlier one's, so the
// domain block repeats this pattern.
const notSeeds = {
	group: ['**/seeds', '**/seeds/*', '**/seeds/**'],
	message: 'src/ must not import seeds/ (demo data): reference data lives in src/lib/reference-data'
};

export default ts.config(
	js.configs.recommended,
	...ts.configs.recommended,
	...svelte.configs.recommended,
	{
		languageOptions: { globals: { ...globals.browser, ...globals.node } }
	},
	{
		files: ['**/*.svelte', '**/*.svelte.ts', '**/*.svelte.js'],
		languageOptions: {
			parserOptions: { projectService: true, extraFileExtensions: ['.svelte'], parser: ts.parser, svelteConfig }
		}
	},
	{
		rules: {
			'@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
			'svelte/no-navigation-without-resolve': 'off'
		}
	},
	{
		// The running app stands alone: reference data ships in src/lib/reference-data; seeds/ is demo data for
		// `npm run seed` and tests only.
		files: ['src/**/*.ts', 'src/**/*.svelte'],
		ignores: ['src/**/*.test.ts', 'src/lib/server/test-db.ts', 'src/lib/server/db/pg-suite-setup.ts'],
		rules: { 'no-restricted-imports': ['error', { patterns: [notSeeds] }] }
	},
	{
		// The domain ring is pure: no framework, no database, no server code.
		files: ['src/lib/domain/**/*.ts'],
		rules: {
			'no-restricted-imports': [
				'error',
				{
					patterns: [
						{ group: ['@sveltejs/*', '$app/*', '$env/*'], message: 'domain/ must not import SvelteKit' },
						{ group: ['kysely', 'kysely/*', 'better-sqlite3'], message: 'domain/ must not touch the database' },
						{ group: ['$lib/server', '$lib/server/*', '**/server/*'], message: 'domain/ must not import server code' },
						{ group: ['node:*', 'fs', 'path'], message: 'domain/ does no I/O' },
						notSeeds
					]
				}
			]
		}
	},
	{
		// Routes orchestrate: parse the request, check permission, call a service, answer. They read and
		// write only through services (types from repositories are fine). No query builder, no
		// transaction, no audit row in a route file.
		files: ['src/routes/**/*.ts', 'src/routes/**/*.svelte'],
		// Test code: a route test's shared set-up (*.fixtures.ts) prepares the database as the tests do.
		ignores: ['src/routes/**/*.test.ts', 'src/routes/**/*.fixtures.ts'],
		rules: {
			'@typescript-eslint/no-restricted-imports': [
				'error',
				{
					paths: [
						{
							name: 'kysely',
							allowTypeImports: true,
							message: 'routes call services; SQL lives in src/lib/server/repositories/'
						}
					],
					patterns: [
						{
							group: ['$lib/server/repositories/*'],
							allowTypeImports: true,
							message:
								'routes read and write through a service in src/lib/server/services/, which calls the repositories'
						},
						{
							group: ['$lib/server/db/*', '!$lib/server/db/index'],
							allowTypeImports: true,
							message: 'routes take the handle from $lib/server/db and pass it to a service'
						}
					]
				}
			],
			'no-restricted-syntax': [
				'error',
				{ selector: SQL_CALL, message: 'routes call services; SQL lives in src/lib/server/repositories/' },
				{
					selector: "CallExpression[callee.property.name='transaction']",
					message: 'a transaction is the service’s: call one service function per action'
				},
				{ selector: SQL_TEMPLATE, message: 'routes call services; SQL lives in src/lib/server/repositories/' }
			]
		}
	},
	{
		// Repositories are the only SQL: services (and the sign-in, session and API-key code) load, let
		// the domain decide and persist through repository functions (transactions are theirs to open).
		// The database's own set-up (db/: connection, migrations, maintenance) is the other exception.
		files: ['src/lib/server/**/*.ts'],
		ignores: [
			'src/lib/server/repositories/**',
			'src/lib/server/db/**',
			'**/*.test.ts',
			'**/*.fixture.ts',
			'**/*.fixtures.ts',
			'**/fixtures.ts',
			'src/lib/server/test-db.ts',
			'src/lib/server/route-test.ts'
		],
		rules: {
			'@typescript-eslint/no-restricted-imports': [
				'error',
				{
					paths: [
						{
							name: 'kysely',
							importNames: ['sql'],
							message: 'raw SQL belongs in a repository (src/lib/server/repositories/)'
						}
					]
				}
			],
			'no-restricted-syntax': [
				'error',
				{ selector: SQL_CALL, message: 'services call repositories; SQL lives in src/lib/server/repositories/' },
				{
					selector: "CallExpression[callee.property.name='prepare']",
					message: 'prepared statements belong in a repository (src/lib/server/repositories/)'
				},
				{ selector: SQL_TEMPLATE, message: 'raw SQL belongs in a repository (src/lib/server/repositories/)' }
			]
		}
	},
	{
		// Browser tests take `test` from tests/csp.ts, which fails a test on any CSP violation.
		files: ['tests/**/*.e2e.ts'],
		rules: {
			'no-restricted-imports': [
				'error',
				{
					paths: [
						{
							name: '@playwright/test',
							importNames: ['test', 'expect'],
							message: "import test and expect from './csp'"
						}
					]
				}
			]
		}
	},
	{
		ignores: [
			'build/',
			'.svelte-kit/',
			'node_modules/',
			'src/lib/paraglide/',
			'data/',
			'test-results/',
			'playwright-report/'
		]
	}
);
