// Cross-site form protection, done here instead of by SvelteKit's built-in check because machine
// integrations (the camera platform) push multipart/form-data with no Origin header. SvelteKit's
// check cannot exempt one path, so it is switched off (svelte.config.js) and this one applies the
// same rule everywhere except the API-key endpoints, which never read the session cookie.

/** Endpoints authenticated by an API key only: a browser's cookies give them nothing. */
export const API_KEY_ONLY_PATHS: readonly string[] = ['/api/v1/alerts', '/api/v1/hotline/orders'];

const FORM_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain'];
const UNSAFE = ['POST', 'PUT', 'PATCH', 'DELETE'];

/** True when a form-type write comes from another origin (or says nothing about its origin). */
export function isCrossSiteForm(method: string, contentType: string | null, origin: string | null, url: URL): boolean {
	if (!UNSAFE.includes(method)) return false;
	const type = (contentType ?? '').split(';', 1)[0].trim().toLowerCase();
	if (!FORM_TYPES.includes(type)) return false;
	if (API_KEY_ONLY_PATHS.includes(url.pathname)) return false;
	return origin !== url.origin;
}
