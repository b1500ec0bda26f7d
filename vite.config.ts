import { sveltekit } from '@sveltejs/kit/vite';
import { paraglideVitePlugin } from '@inlang/paraglide-js';
import { configDefaults, defineConfig } from 'vitest/config';

const PG_TESTS = 'src/**/*.pg.test.ts';

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
			}
		]
	}
});
