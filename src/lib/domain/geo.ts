// Pure geometry helpers for places: WGS-84 only, coordinates are [lng, lat] (RFC 7946).
// No I/O, no framework, no map library.

export type LngLat = [number, number];

/** A polygon: outer ring first, holes after. A MultiPolygon is passed as several AreaShapes with the same id. */
export interface AreaShape {
	id: number;
	name: string;
	rings: LngLat[][];
}

export interface CommunityPoint {
	id: number;
	name: string;
	areaId: number;
	lng: number;
	lat: number;
	/** The 居民区 outline, when a boundary version gives one (otherwise only the marker is known). */
	rings?: LngLat[][] | null;
}

export type LocateResult =
	| { ok: true; areaId: number; communityId: number }
	| { ok: false; reason: 'outside_subdistrict' | 'no_area' | 'no_community' };

/** Mean Earth radius (IUGG), metres. */
const EARTH_RADIUS_M = 6_371_008.8;
/** Tolerance for "on the edge" tests, in degrees (~1 mm). */
const EDGE_EPS = 1e-8;

export function isValidLngLat(lng: number, lat: number): boolean {
	return (
		typeof lng === 'number' &&
		typeof lat === 'number' &&
		Number.isFinite(lng) &&
		Number.isFinite(lat) &&
		lng >= -180 &&
		lng <= 180 &&
		lat >= -90 &&
		lat <= 90
	);
}

/** Whether pt lies on the segment a–b, within about a millimetre. */
export function onSegment(pt: LngLat, a: LngLat, b: LngLat): boolean {
	const [x, y] = pt;
	const [x1, y1] = a;
	const [x2, y2] = b;
	if (x < Math.min(x1, x2) - EDGE_EPS || x > Math.max(x1, x2) + EDGE_EPS) return false;
	if (y < Math.min(y1, y2) - EDGE_EPS || y > Math.max(y1, y2) + EDGE_EPS) return false;
	const dx = x2 - x1;
	const dy = y2 - y1;
	const len = Math.hypot(dx, dy);
	if (len === 0) return Math.hypot(x - x1, y - y1) <= EDGE_EPS;
	// Perpendicular distance from pt to the line a–b.
	return Math.abs(dx * (y - y1) - dy * (x - x1)) / len <= EDGE_EPS;
}

/**
 * Ray casting with the even-odd rule over all rings, so holes are respected (and rings of
 * several disjoint polygons may be passed together). Rings may be closed or open.
 * Points on any edge (outer ring or hole) count as inside: the polygon is treated as closed.
 */
export function pointInPolygon(pt: LngLat, rings: LngLat[][]): boolean {
	if (!Array.isArray(pt) || !isValidLngLat(pt[0], pt[1])) return false;
	const [x, y] = pt;
	let inside = false;
	for (const ring of rings) {
		const n = ring.length;
		if (n < 3) continue;
		for (let i = 0, j = n - 1; i < n; j = i++) {
			const a = ring[i];
			const b = ring[j];
			if (onSegment(pt, a, b)) return true;
			const [xi, yi] = a;
			const [xj, yj] = b;
			if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
		}
	}
	return inside;
}

/** Great-circle distance (haversine) in metres. */
export function distanceMeters(a: LngLat, b: LngLat): number {
	const toRad = Math.PI / 180;
	const phi1 = a[1] * toRad;
	const phi2 = b[1] * toRad;
	const dPhi = (b[1] - a[1]) * toRad;
	const dLambda = (b[0] - a[0]) * toRad;
	const h = Math.sin(dPhi / 2) ** 2 + Math.cos(phi1) * Math.cos(phi2) * Math.sin(dLambda / 2) ** 2;
	return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

/**
 * Decide the 片区 and 居民区 of a point. The first area (in the given order) that contains the point
 * wins, so a point exactly on a shared edge goes to the earlier area; staff may override near edges.
 */
export function locatePoint(
	pt: LngLat,
	boundary: LngLat[][],
	areas: AreaShape[],
	communities: CommunityPoint[],
	/** pointInPolygon, or an indexed equivalent when many points meet the same outlines. */
	inside: (pt: LngLat, rings: LngLat[][]) => boolean = pointInPolygon
): LocateResult {
	if (!inside(pt, boundary)) return { ok: false, reason: 'outside_subdistrict' };
	const area = areas.find((a) => inside(pt, a.rings));
	if (!area) return { ok: false, reason: 'no_area' };
	// A 居民区 outline, where the boundary version has them, decides; otherwise (and in a sliver
	// between outlines) the 居民区 is the nearest marker (haversine) within the containing 片区.
	const drawn = communities.find((c) => c.areaId === area.id && c.rings && inside(pt, c.rings));
	if (drawn) return { ok: true, areaId: area.id, communityId: drawn.id };
	let best: CommunityPoint | undefined;
	let bestDist = Infinity;
	for (const c of communities) {
		if (c.areaId !== area.id || !isValidLngLat(c.lng, c.lat)) continue;
		const d = distanceMeters(pt, [c.lng, c.lat]);
		if (d < bestDist) {
			bestDist = d;
			best = c;
		}
	}
	if (!best) return { ok: false, reason: 'no_community' };
	return { ok: true, areaId: area.id, communityId: best.id };
}

/**
 * A point inside a polygon (outer ring first), however concave: the middle of the widest stretch
 * of the horizontal line through the middle of its height. Null for a degenerate ring.
 */
export function interiorPoint(rings: LngLat[][]): LngLat | null {
	const outer = rings[0] ?? [];
	if (outer.length < 4) return null;
	const ys = outer.map((p) => p[1]);
	const y = (Math.min(...ys) + Math.max(...ys)) / 2;
	const xs: number[] = [];
	for (const ring of rings) {
		for (let i = 0; i < ring.length - 1; i++) {
			const [a, b] = [ring[i], ring[i + 1]];
			if (a[1] > y !== b[1] > y) xs.push(a[0] + ((y - a[1]) * (b[0] - a[0])) / (b[1] - a[1]));
		}
	}
	xs.sort((p, q) => p - q);
	let best: LngLat | null = null;
	let width = 0;
	for (let i = 0; i + 1 < xs.length; i += 2) {
		if (xs[i + 1] - xs[i] > width) {
			width = xs[i + 1] - xs[i];
			best = [(xs[i] + xs[i + 1]) / 2, y];
		}
	}
	return best;
}
