import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		adapter: adapter(),
		// Cross-site form checks live in src/lib/server/csrf.ts (hooks.server.ts), which can exempt the
		// API-key endpoints that machines push multipart files to.
		csrf: { trustedOrigins: ['*'] }
	}
};

export default config;
