import js from '@eslint/js';
import ts from 'typescript-eslint';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import svelteConfig from './svelte.config.js';

// One rule object per file set: a later block's no-restricted-imports replaces an earlier one's, so the
// domain block repeats this pattern.
const notSeeds = { group: ['**/seeds', '**/seeds/*', '**/seeds/**'], message: 'src/ must not import seeds/ (demo data): reference data lives in src/lib/reference-data' };

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
		ignores: ['src/**/*.test.ts', 'src/lib/server/test-db.ts'],
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
		// Browser tests take `test` from tests/csp.ts, which fails a test on any CSP violation (issue 14).
		files: ['tests/**/*.e2e.ts'],
		rules: {
			'no-restricted-imports': [
				'error',
				{ paths: [{ name: '@playwright/test', importNames: ['test', 'expect'], message: "import test and expect from './csp'" }] }
			]
		}
	},
	{
		ignores: ['build/', '.svelte-kit/', 'node_modules/', 'src/lib/paraglide/', 'data/', 'test-results/', 'playwright-report/']
	}
);
