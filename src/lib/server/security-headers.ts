// Headers every response carries. Pages get SvelteKit's Content-Security-Policy
// (svelte.config.js: scripts only from the app itself, its own bootstrap script by nonce); here the
// configured tile hosts are added to its `img-src`, because the base map is an admin setting that
// changes while the server runs. Anything else (JSON, files, plain-text refusals) gets a policy
// that allows nothing, so a file opened directly in the browser cannot run script either.
import { tileImageSources, type BaseMapView } from '$lib/domain/base-map';

const NOTHING = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/** The page policy with `sources` added to its img-src (kit writes img-src from svelte.config.js). */
export function withImageSources(policy: string, sources: string[]): string {
	if (sources.length === 0) return policy;
	return policy.replace(
		/(^|;\s*)img-src([^;]*)/,
		(_, lead: string, list: string) => `${lead}img-src${list} ${sources.join(' ')}`
	);
}

/** Sets the policy and the plain security headers on `headers`; `baseMap` only read for pages. */
export async function setSecurityHeaders(headers: Headers, baseMap: () => Promise<BaseMapView>): Promise<void> {
	const policy = headers.get('content-security-policy');
	if (policy) headers.set('content-security-policy', withImageSources(policy, tileImageSources(await baseMap())));
	else if (!(headers.get('content-type') ?? '').startsWith('text/html'))
		headers.set('content-security-policy', NOTHING);
	headers.set('X-Content-Type-Options', 'nosniff');
	// Tile servers that check the site a key was issued for (天地图) need the origin, never the path.
	headers.set('Referrer-Policy', 'strict-origin-when-cross-origin');
	headers.set('X-Frame-Options', 'DENY');
}
