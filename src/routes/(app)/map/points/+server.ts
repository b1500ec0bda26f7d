import { error, json } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { parseCaseFilters } from '$lib/server/case-filters';
import { getDb } from '$lib/server/db';
import type { Bbox } from '$lib/server/repositories/map-points';
import { loadMapPoints } from '$lib/server/services/map-page';
import type { RequestHandler } from './$types';

/** bbox=w,s,e,n in WGS-84, no wider than a city (the map asks only for what it shows). */
function parseBbox(s: string | null): Bbox | null {
	const parts = (s ?? '').split(',').map(Number);
	if (parts.length !== 4 || parts.some((x) => !Number.isFinite(x))) return null;
	const [w, so, e, n] = parts;
	if (w >= e || so >= n || w < -180 || e > 180 || so < -90 || n > 90 || e - w > 2 || n - so > 2) return null;
	return [w, so, e, n];
}

/** Markers for the map view: clustered on the server, so a thousand cases travel as a few dozen shapes. */
export const GET: RequestHandler = async (event) => {
	const actor = event.locals.actor;
	if (!actor) error(401, m.err_forbidden());
	const sp = event.url.searchParams;
	const bbox = parseBbox(sp.get('bbox'));
	const zoom = Number(sp.get('zoom'));
	if (!bbox || !Number.isInteger(zoom) || zoom < 0 || zoom > 22) error(400, m.err_invalid_input());
	const points = await loadMapPoints(
		getDb(),
		actor,
		{ bbox, zoom, track: sp.get('track') ?? 'grid', filters: parseCaseFilters(sp) },
		Date.now()
	);
	if (!points) error(403, m.err_forbidden());
	return json(points, { headers: { 'cache-control': 'private, no-store' } });
};
