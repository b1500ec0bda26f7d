import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		adapter: adapter(),
		// Cross-site form checks live in src/lib/server/csrf.ts (hooks.server.ts), which can exempt the
		// API-key endpoints that machines push multipart files to.
		csrf: { trustedOrigins: ['*'] },
		// Scripts only from the app itself (its inline bootstrap by a nonce kit adds), no inline
		// handlers, never framed. hooks.server.ts adds the configured tile hosts to img-src. Inline
		// styles stay allowed: Leaflet positions tiles and markers with them.
		csp: {
			mode: 'auto',
			directives: {
				'default-src': ['self'],
				'script-src': ['self'],
				'style-src': ['self', 'unsafe-inline'],
				'img-src': ['self', 'data:', 'blob:'],
				'font-src': ['self'],
				'connect-src': ['self'],
				'worker-src': ['self'],
				'manifest-src': ['self'],
				'object-src': ['none'],
				'base-uri': ['self'],
				'form-action': ['self'],
				'frame-ancestors': ['none']
			}
		}
	}
};

export default config;
