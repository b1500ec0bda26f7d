// A 片区 boundary upload (issue 6 §3), read and checked before anything is stored: GeoJSON in WGS-84
// as RFC 7946 says, one named Polygon or MultiPolygon per 片区. Refused, with the reason named:
// not GeoJSON, lat/lng swapped, coordinates that are really GCJ-02 or BD-09, self-intersecting rings,
// 片区 that overlap, leave gaps in the subdistrict or reach outside it, and 居民区 left uncovered.
// Pure: the current subdistrict outline and the 居民区 markers are passed in.
import { bd09ToGcj02, gcj02ToWgs84 } from './gcj02';
import { distanceMeters, pointInPolygon, type LngLat } from './geo';

export interface BoundaryFeature {
	name: string;
	/** Polygons, each an outer ring then holes; rings closed. */
	polygons: LngLat[][][];
}

export interface BoundaryIssue {
	code: string;
	area?: string;
	other?: string;
	/** A figure for the message (metres, a share, a count). */
	value?: number;
}

export type ParsedBoundary = { ok: true; features: BoundaryFeature[] } | { ok: false; issues: BoundaryIssue[] };

const WGS84_CRS = ['urn:ogc:def:crs:OGC:1.3:CRS84', 'urn:ogc:def:crs:OGC::CRS84', 'EPSG:4326', 'urn:ogc:def:crs:EPSG::4326'];

const isPosition = (p: unknown): p is LngLat => Array.isArray(p) && p.length >= 2 && typeof p[0] === 'number' && typeof p[1] === 'number' && Number.isFinite(p[0]) && Number.isFinite(p[1]);

function readRing(raw: unknown): LngLat[] | null {
	if (!Array.isArray(raw) || !raw.every(isPosition)) return null;
	const ring = raw.map((p) => [p[0], p[1]] as LngLat);
	const [a, z] = [ring[0], ring.at(-1)];
	if (a && z && (a[0] !== z[0] || a[1] !== z[1])) ring.push([a[0], a[1]]); // RFC 7946 wants it closed; we close it
	return ring;
}

export function parseBoundaryGeoJson(text: string): ParsedBoundary {
	let doc: unknown;
	try {
		doc = JSON.parse(text);
	} catch {
		return { ok: false, issues: [{ code: 'geojson_invalid' }] };
	}
	const fc = doc as { type?: string; crs?: { properties?: { name?: string } }; features?: unknown[] };
	if (fc?.type !== 'FeatureCollection' || !Array.isArray(fc.features)) return { ok: false, issues: [{ code: 'geojson_not_collection' }] };
	const crs = fc.crs?.properties?.name;
	if (crs && !WGS84_CRS.includes(crs)) return { ok: false, issues: [{ code: 'geojson_crs', area: crs }] };
	const issues: BoundaryIssue[] = [];
	const features: BoundaryFeature[] = [];
	for (const [i, raw] of fc.features.entries()) {
		const f = raw as { properties?: { name?: unknown }; geometry?: { type?: string; coordinates?: unknown } };
		const name = typeof f?.properties?.name === 'string' ? f.properties.name.trim() : '';
		const label = name || `#${i + 1}`;
		if (!name) issues.push({ code: 'geojson_no_name', area: label });
		const g = f?.geometry;
		const polys = g?.type === 'Polygon' ? [g.coordinates] : g?.type === 'MultiPolygon' ? (g.coordinates as unknown[]) : null;
		if (!polys || !Array.isArray(polys)) {
			issues.push({ code: 'geojson_not_polygon', area: label });
			continue;
		}
		const polygons: LngLat[][][] = [];
		for (const p of polys) {
			const rings = Array.isArray(p) ? p.map(readRing) : [null];
			if (rings.some((r) => r === null)) {
				issues.push({ code: 'geojson_bad_coordinates', area: label });
				break;
			}
			if ((rings as LngLat[][]).some((r) => r.length < 4)) issues.push({ code: 'ring_too_short', area: label });
			polygons.push(rings as LngLat[][]);
		}
		if (name && features.some((x) => x.name === name)) issues.push({ code: 'geojson_duplicate_name', area: name });
		features.push({ name: label, polygons });
	}
	if (!features.length && !issues.length) issues.push({ code: 'geojson_empty' });
	return issues.length ? { ok: false, issues } : { ok: true, features };
}

// Local plane in metres around the subdistrict, for areas and intersections.
type XY = [number, number];
const M_PER_DEG = 111_320;
const planar = (lat0: number) => {
	const k = Math.cos((lat0 * Math.PI) / 180) * M_PER_DEG;
	return ([lng, lat]: LngLat): XY => [lng * k, lat * M_PER_DEG];
};

function ringAreaCentroid(ring: XY[]): { area: number; cx: number; cy: number } {
	let a = 0;
	let cx = 0;
	let cy = 0;
	for (let i = 0; i < ring.length - 1; i++) {
		const [x1, y1] = ring[i];
		const [x2, y2] = ring[i + 1];
		const c = x1 * y2 - x2 * y1;
		a += c;
		cx += (x1 + x2) * c;
		cy += (y1 + y2) * c;
	}
	return a === 0 ? { area: 0, cx: ring[0][0], cy: ring[0][1] } : { area: Math.abs(a / 2), cx: cx / (3 * a), cy: cy / (3 * a) };
}

/** Area (m²) of polygons with holes, and the area-weighted centroid of their outer rings (as lng/lat). */
function measure(polygons: LngLat[][][], lat0: number): { area: number; centroid: LngLat } {
	const toXY = planar(lat0);
	let area = 0;
	let sx = 0;
	let sy = 0;
	for (const [outer, ...holes] of polygons) {
		const o = ringAreaCentroid(outer.map(toXY));
		area += o.area - holes.reduce((s, h) => s + ringAreaCentroid(h.map(toXY)).area, 0);
		sx += o.cx * o.area;
		sy += o.cy * o.area;
	}
	const outerArea = polygons.reduce((s, [outer]) => s + ringAreaCentroid(outer.map(toXY)).area, 0);
	const k = Math.cos((lat0 * Math.PI) / 180) * M_PER_DEG;
	return { area, centroid: outerArea ? [sx / outerArea / k, sy / outerArea / M_PER_DEG] : [0, 0] };
}

const cross = (o: XY, a: XY, b: XY) => (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);
/** Segments a–b and c–d cross at a point inside both (touching at ends or along a shared line does not count). */
function properlyCross(a: XY, b: XY, c: XY, d: XY): boolean {
	const EPS = 1e-6; // square metres: a centimetre off a line is on it
	const d1 = cross(c, d, a);
	const d2 = cross(c, d, b);
	const d3 = cross(a, b, c);
	const d4 = cross(a, b, d);
	return ((d1 > EPS && d2 < -EPS) || (d1 < -EPS && d2 > EPS)) && ((d3 > EPS && d4 < -EPS) || (d3 < -EPS && d4 > EPS));
}

function selfIntersects(ring: XY[]): boolean {
	const n = ring.length - 1;
	for (let i = 0; i < n; i++) {
		for (let j = i + 2; j < n; j++) {
			if (i === 0 && j === n - 1) continue; // the first and last edges meet at the closing point
			if (properlyCross(ring[i], ring[i + 1], ring[j], ring[j + 1])) return true;
		}
	}
	return false;
}

/** Distance (m) from a point to the nearest edge of any ring. */
function distanceToRings(p: XY, rings: XY[][]): number {
	let best = Infinity;
	for (const r of rings) {
		for (let i = 0; i < r.length - 1; i++) {
			const [a, b] = [r[i], r[i + 1]];
			const dx = b[0] - a[0];
			const dy = b[1] - a[1];
			const len2 = dx * dx + dy * dy;
			const t = len2 ? Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / len2)) : 0;
			best = Math.min(best, Math.hypot(p[0] - a[0] - t * dx, p[1] - a[1] - t * dy));
		}
	}
	return best;
}

/** Tolerances: a vertex up to a metre outside the subdistrict is on its edge; gaps under 0.1 % are slivers. */
export const EDGE_TOLERANCE_M = 1;
export const GAP_TOLERANCE = 0.001;

export function checkBoundaries(features: BoundaryFeature[], subdistrict: LngLat[][], communities: readonly { name: string; lng: number; lat: number }[]): BoundaryIssue[] {
	const all = features.flatMap((f) => f.polygons.flat(2));
	// Swapped: Shanghai is near (121, 31); a file giving (31, 121) has latitude and longitude crossed.
	if (all.some(([x, y]) => Math.abs(x) <= 90 && Math.abs(y) > 90) || (all.length && all.every(([x, y]) => x >= 15 && x <= 55 && y >= 70 && y <= 140))) return [{ code: 'latlng_swapped' }];
	if (all.some(([x, y]) => Math.abs(x) > 180 || Math.abs(y) > 90)) return [{ code: 'geojson_bad_coordinates' }];
	const lat0 = subdistrict[0]?.[0]?.[1] ?? all[0][1];
	const sub = measure([subdistrict], lat0);
	const up = measure(features.flatMap((f) => f.polygons), lat0);
	const miss = distanceMeters(up.centroid, sub.centroid);
	// Shifted as a whole by about what GCJ-02 (≈ 500 m here) or BD-09 (≈ 1 km) would shift it.
	if (miss > 150) {
		const asGcj = distanceMeters(gcj02ToWgs84(up.centroid), sub.centroid);
		const asBd = distanceMeters(gcj02ToWgs84(bd09ToGcj02(up.centroid)), sub.centroid);
		if (asBd < miss / 4 && asBd < asGcj) return [{ code: 'looks_bd09', value: Math.round(miss) }];
		if (asGcj < miss / 4) return [{ code: 'looks_gcj02', value: Math.round(miss) }];
		if (miss > 5_000) return [{ code: 'far_from_subdistrict', value: Math.round(miss) }];
	}
	const issues: BoundaryIssue[] = [];
	const toXY = planar(lat0);
	const subXY = subdistrict.map((r) => r.map(toXY));
	const shapes = features.map((f) => ({ name: f.name, polygons: f.polygons, rings: f.polygons.flat().map((r) => r.map(toXY)) }));
	for (const s of shapes) {
		if (s.rings.some(selfIntersects)) issues.push({ code: 'self_intersecting', area: s.name });
		const outside = s.polygons.flat(2).find((p) => !pointInPolygon(p, subdistrict) && distanceToRings(toXY(p), subXY) > EDGE_TOLERANCE_M);
		if (outside) issues.push({ code: 'area_outside_subdistrict', area: s.name, value: Math.round(distanceToRings(toXY(outside), subXY)) });
	}
	for (let i = 0; i < shapes.length; i++) {
		for (let j = i + 1; j < shapes.length; j++) {
			const [a, b] = [shapes[i], shapes[j]];
			const edgesCross = a.rings.some((ra) => b.rings.some((rb) => ra.slice(1).some((p, k) => rb.slice(1).some((q, l) => properlyCross(ra[k], p, rb[l], q)))));
			// One inside the other (or the same outline twice): a point well inside A is inside B.
			const inner = (x: (typeof shapes)[number], y: (typeof shapes)[number]) => {
				const c = measure(x.polygons, lat0).centroid;
				return pointInPolygon(c, x.polygons.flat()) && pointInPolygon(c, y.polygons.flat()) && distanceToRings(toXY(c), y.rings) > EDGE_TOLERANCE_M;
			};
			if (edgesCross || inner(a, b) || inner(b, a)) issues.push({ code: 'areas_overlap', area: a.name, other: b.name });
		}
	}
	if (!issues.length && sub.area > 0) {
		const uncovered = (sub.area - up.area) / sub.area;
		if (uncovered > GAP_TOLERANCE) issues.push({ code: 'areas_leave_gaps', value: Math.round(uncovered * 1000) / 10 });
	}
	for (const c of communities) {
		const holders = features.filter((f) => pointInPolygon([c.lng, c.lat], f.polygons.flat()));
		if (!holders.length) issues.push({ code: 'community_uncovered', area: c.name });
	}
	return issues;
}
