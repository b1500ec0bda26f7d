import { error, json } from '@sveltejs/kit';
import { clusterPoints } from '$lib/domain/map-cluster';
import { m } from '$lib/paraglide/messages';
import { parseCaseFilters } from '$lib/server/case-filters';
import { getDb } from '$lib/server/db';
import { casePoints, enforcementPoints, MAX_MAP_POINTS, type Bbox } from '$lib/server/repositories/map-points';
import type { RequestHandler } from './$types';
import { viewScope, can } from '$lib/domain/access';

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
	const track = sp.get('track') ?? 'grid';
	const scope = viewScope(actor);
	const showGrid = track !== 'enforcement' && scope.kind !== 'none';
	const showEnforcement = track !== 'grid' && can(actor, 'enforcement.view');
	if (!showGrid && !showEnforcement) error(403, m.err_forbidden());
	const db = getDb();
	const now = Date.now();
	const filters = parseCaseFilters(sp);
	const points = [
		...(showGrid ? await casePoints(db, scope, filters, bbox, now) : []),
		...(showEnforcement ? await enforcementPoints(db, filters, bbox, now) : [])
	];
	const truncated = points.length > MAX_MAP_POINTS;
	const shown = truncated ? points.slice(0, MAX_MAP_POINTS) : points;
	return json(
		{ total: shown.length, truncated, ...clusterPoints(shown, zoom) },
		{ headers: { 'cache-control': 'private, no-store' } }
	);
};
