// Plane geometry for boundary checks (boundary-input.ts): a local plane in metres around the
// subdistrict, areas and centroids, proper segment crossings, distances to outlines. Pure.
import type { LngLat } from './geo';
import { EdgeGrid, edgesOf, type Edge } from './polygon-index';

// Local plane in metres around the subdistrict, for areas and intersections.
export type XY = [number, number];
const M_PER_DEG = 111_320;
export const planar = (lat0: number) => {
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
	return a === 0
		? { area: 0, cx: ring[0][0], cy: ring[0][1] }
		: { area: Math.abs(a / 2), cx: cx / (3 * a), cy: cy / (3 * a) };
}

/** Area (m²) of polygons with holes, and the area-weighted centroid of their outer rings (as lng/lat). */
export function measure(polygons: LngLat[][][], lat0: number): { area: number; centroid: LngLat } {
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
export function properlyCross(a: XY, b: XY, c: XY, d: XY): boolean {
	const EPS = 1e-6; // square metres: a centimetre off a line is on it
	const d1 = cross(c, d, a);
	const d2 = cross(c, d, b);
	const d3 = cross(a, b, c);
	const d4 = cross(a, b, d);
	return ((d1 > EPS && d2 < -EPS) || (d1 < -EPS && d2 > EPS)) && ((d3 > EPS && d4 < -EPS) || (d3 < -EPS && d4 > EPS));
}

/** Whether two edges of one ring cross (neighbours, and the first and last edge, meet at a vertex and do not count). */
function ringEdgesCross(e: Edge, f: Edge): boolean {
	const gap = Math.abs(e.at - f.at);
	if (gap < 2 || gap === e.of - 1) return false;
	return properlyCross(e.a as XY, e.b as XY, f.a as XY, f.b as XY);
}

export function selfIntersects(ring: XY[]): boolean {
	return new EdgeGrid(edgesOf([[ring]])).somePair(ringEdgesCross);
}

/**
 * Self-crossing rings (by shape) and pairs of shapes whose edges cross, from one grid over every
 * edge: near-linear where comparing every edge with every other took minutes for a detailed outline.
 */
export function crossings(shapes: XY[][][]): { selfCrossing: Set<number>; crossingPairs: Set<string> } {
	const selfCrossing = new Set<number>();
	const crossingPairs = new Set<string>();
	new EdgeGrid(edgesOf(shapes)).somePair((e, f) => {
		if (e.shape === f.shape) {
			if (e.ring === f.ring && !selfCrossing.has(e.shape) && ringEdgesCross(e, f)) selfCrossing.add(e.shape);
		} else {
			const key = `${Math.min(e.shape, f.shape)}:${Math.max(e.shape, f.shape)}`;
			if (!crossingPairs.has(key) && properlyCross(e.a as XY, e.b as XY, f.a as XY, f.b as XY)) crossingPairs.add(key);
		}
		return false;
	});
	return { selfCrossing, crossingPairs };
}

/** Distance (m) from a point to one edge. */
export function distanceToEdge(
	p: readonly [number, number],
	{ a, b }: { a: readonly [number, number]; b: readonly [number, number] }
): number {
	const dx = b[0] - a[0];
	const dy = b[1] - a[1];
	const len2 = dx * dx + dy * dy;
	const t = len2 ? Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / len2)) : 0;
	return Math.hypot(p[0] - a[0] - t * dx, p[1] - a[1] - t * dy);
}

/** Distance (m) from a point to the nearest edge of any ring. */
export function distanceToRings(p: XY, rings: XY[][]): number {
	let best = Infinity;
	for (const r of rings)
		for (let i = 0; i < r.length - 1; i++) best = Math.min(best, distanceToEdge(p, { a: r[i], b: r[i + 1] }));
	return best;
}
