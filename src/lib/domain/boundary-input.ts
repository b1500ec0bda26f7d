// A 片区 boundary upload, read and checked before anything is stored: GeoJSON in WGS-84
// as RFC 7946 says, one named Polygon or MultiPolygon per 片区. Refused, with the reason named:
// not GeoJSON, lat/lng swapped, coordinates that are really GCJ-02 or BD-09, self-intersecting rings,
// 片区 that overlap, leave gaps in the subdistrict or reach outside it, and 居民区 left uncovered.
// Pure: the current subdistrict outline and the 居民区 markers are passed in.
import { bd09ToGcj02, gcj02ToWgs84 } from './gcj02';
import { crossings, distanceToEdge, distanceToRings, measure, planar } from './boundary-geometry';
import { distanceMeters, type LngLat } from './geo';
import { EdgeGrid, edgesOf, indexedPointInPolygon } from './polygon-index';

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

/**
 * Points in one upload, all outlines together. A 街道's 片区 drawn to the metre take a few
 * thousand; the limit keeps every check of one upload well under a second.
 */
export const MAX_BOUNDARY_VERTICES = 50_000;

const WGS84_CRS = [
	'urn:ogc:def:crs:OGC:1.3:CRS84',
	'urn:ogc:def:crs:OGC::CRS84',
	'EPSG:4326',
	'urn:ogc:def:crs:EPSG::4326'
];

const isPosition = (p: unknown): p is LngLat =>
	Array.isArray(p) &&
	p.length >= 2 &&
	typeof p[0] === 'number' &&
	typeof p[1] === 'number' &&
	Number.isFinite(p[0]) &&
	Number.isFinite(p[1]);

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
	if (fc?.type !== 'FeatureCollection' || !Array.isArray(fc.features))
		return { ok: false, issues: [{ code: 'geojson_not_collection' }] };
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
		const polys =
			g?.type === 'Polygon' ? [g.coordinates] : g?.type === 'MultiPolygon' ? (g.coordinates as unknown[]) : null;
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
	const vertices = features.reduce(
		(n, f) => n + f.polygons.reduce((m, p) => m + p.reduce((k, r) => k + r.length, 0), 0),
		0
	);
	if (vertices > MAX_BOUNDARY_VERTICES) return { ok: false, issues: [{ code: 'too_many_vertices', value: vertices }] };
	return issues.length ? { ok: false, issues } : { ok: true, features };
}

/** Tolerances: a vertex up to a metre outside its container is on its edge; gaps under 0.1 % are slivers. */
export const EDGE_TOLERANCE_M = 1;
export const GAP_TOLERANCE = 0.001;

interface Shape {
	name: string;
	polygons: LngLat[][][];
	rings: [number, number][][];
}

/** Swapped axes, or outlines shifted as a whole like GCJ-02 or BD-09 (or simply somewhere else). */
function placementIssue(features: BoundaryFeature[], subdistrict: LngLat[][], lat0: number): BoundaryIssue | null {
	const all = features.flatMap((f) => f.polygons.flat(2));
	// Swapped: Shanghai is near (121, 31); a file giving (31, 121) has latitude and longitude crossed.
	if (
		all.some(([x, y]) => Math.abs(x) <= 90 && Math.abs(y) > 90) ||
		(all.length && all.every(([x, y]) => x >= 15 && x <= 55 && y >= 70 && y <= 140))
	)
		return { code: 'latlng_swapped' };
	if (all.some(([x, y]) => Math.abs(x) > 180 || Math.abs(y) > 90)) return { code: 'geojson_bad_coordinates' };
	const sub = measure([subdistrict], lat0);
	const up = measure(
		features.flatMap((f) => f.polygons),
		lat0
	);
	const miss = distanceMeters(up.centroid, sub.centroid);
	// Shifted as a whole by about what GCJ-02 (≈ 500 m here) or BD-09 (≈ 1 km) would shift it.
	if (miss > 150) {
		const asGcj = distanceMeters(gcj02ToWgs84(up.centroid), sub.centroid);
		const asBd = distanceMeters(gcj02ToWgs84(bd09ToGcj02(up.centroid)), sub.centroid);
		if (asBd < miss / 4 && asBd < asGcj) return { code: 'looks_bd09', value: Math.round(miss) };
		if (asGcj < miss / 4) return { code: 'looks_gcj02', value: Math.round(miss) };
		if (miss > 5_000) return { code: 'far_from_subdistrict', value: Math.round(miss) };
	}
	return null;
}

/** Self-crossing outlines, parts outside their container, overlaps between any two, and gaps. */
function tilingIssues(
	shapes: Shape[],
	containerOf: (s: Shape) => { name: string; rings: LngLat[][] } | null,
	subdistrict: LngLat[][],
	lat0: number,
	outsideCode: string
): BoundaryIssue[] {
	const issues: BoundaryIssue[] = [];
	const toXY = planar(lat0);
	const { selfCrossing, crossingPairs } = crossings(shapes.map((s) => s.rings));
	const grids = new Map<LngLat[][], EdgeGrid>();
	shapes.forEach((s, i) => {
		if (selfCrossing.has(i)) issues.push({ code: 'self_intersecting', area: s.name });
		const container = containerOf(s);
		if (!container) return;
		const containerXY = container.rings.map((r) => r.map(toXY));
		let grid = grids.get(container.rings);
		if (!grid) grids.set(container.rings, (grid = new EdgeGrid(edgesOf([containerXY]))));
		const nearEdge = (p: LngLat) => grid.near(toXY(p), EDGE_TOLERANCE_M, distanceToEdge);
		const outside = s.polygons.flat(2).find((p) => !indexedPointInPolygon(p, container.rings) && !nearEdge(p));
		if (outside)
			issues.push({
				code: outsideCode,
				area: s.name,
				other: container.name,
				value: Math.round(distanceToRings(toXY(outside), containerXY))
			});
	});
	// One inside the other (or the same outline twice): a point well inside A is inside B.
	const centroids = shapes.map((s) => measure(s.polygons, lat0).centroid);
	const outlines = shapes.map((s) => s.polygons.flat());
	const inner = (x: number, y: number) => {
		const c = centroids[x];
		return (
			indexedPointInPolygon(c, outlines[x]) &&
			indexedPointInPolygon(c, outlines[y]) &&
			distanceToRings(toXY(c), shapes[y].rings) > EDGE_TOLERANCE_M
		);
	};
	for (let i = 0; i < shapes.length; i++) {
		for (let j = i + 1; j < shapes.length; j++) {
			if (crossingPairs.has(`${i}:${j}`) || inner(i, j) || inner(j, i))
				issues.push({ code: 'areas_overlap', area: shapes[i].name, other: shapes[j].name });
		}
	}
	if (!issues.length) {
		const sub = measure([subdistrict], lat0).area;
		const covered = shapes.reduce((n, s) => n + measure(s.polygons, lat0).area, 0);
		if (sub > 0 && (sub - covered) / sub > GAP_TOLERANCE)
			issues.push({ code: 'areas_leave_gaps', value: Math.round(((sub - covered) / sub) * 1000) / 10 });
	}
	return issues;
}

const shapesOf = (features: BoundaryFeature[], lat0: number): Shape[] => {
	const toXY = planar(lat0);
	return features.map((f) => ({
		name: f.name,
		polygons: f.polygons,
		rings: f.polygons.flat().map((r) => r.map(toXY))
	}));
};

/** 片区 outlines: they tile the subdistrict, and every 居民区 marker lies in one of them. */
export function checkBoundaries(
	features: BoundaryFeature[],
	subdistrict: LngLat[][],
	communities: readonly { name: string; lng: number; lat: number }[]
): BoundaryIssue[] {
	const lat0 = subdistrict[0]?.[0]?.[1] ?? features[0]?.polygons[0]?.[0]?.[0]?.[1] ?? 0;
	const placed = placementIssue(features, subdistrict, lat0);
	if (placed) return [placed];
	const issues = tilingIssues(
		shapesOf(features, lat0),
		() => ({ name: '', rings: subdistrict }),
		subdistrict,
		lat0,
		'area_outside_subdistrict'
	);
	const outlines = features.map((f) => f.polygons.flat());
	for (const c of communities) {
		if (!outlines.some((rings) => indexedPointInPolygon([c.lng, c.lat], rings)))
			issues.push({ code: 'community_uncovered', area: c.name });
	}
	return issues;
}

/**
 * 居民区 outlines: each names a 居民区 on file, lies inside one 片区 of the version in force, and
 * together they tile the subdistrict.
 */
export function checkCommunityBoundaries(
	features: BoundaryFeature[],
	subdistrict: LngLat[][],
	areas: readonly { id: number; name: string; rings: LngLat[][] }[],
	known: readonly string[]
): BoundaryIssue[] {
	const unknown = features.filter((f) => !known.includes(f.name));
	if (unknown.length) return unknown.map((f) => ({ code: 'unknown_community', area: f.name }));
	const lat0 = subdistrict[0]?.[0]?.[1] ?? 0;
	const placed = placementIssue(features, subdistrict, lat0);
	if (placed) return [placed];
	// The 片区 a 居民区 belongs to: the one holding the middle of its outline.
	const areaOf = (s: Shape) => {
		const c = measure(s.polygons, lat0).centroid;
		return areas.find((a) => indexedPointInPolygon(c, a.rings)) ?? null;
	};
	return tilingIssues(shapesOf(features, lat0), areaOf, subdistrict, lat0, 'community_outside_area');
}
