// Outlines for the 居民区, to shade them on the map. The demo geography has no 居民区 boundaries, only one marker
// each, and a point belongs to the nearest marker inside its 片区 (geo.ts locatePoint). The region
// each marker wins is therefore its Voronoi cell cut to the 片区 outline, and that is what is drawn.
// Pure; distances in a local plane (longitude scaled by cos(latitude)), which over a few kilometres
// agrees with the haversine distance used by locatePoint to well under a metre.
import type { AreaShape, CommunityPoint, LngLat } from './geo';

type XY = [number, number];

/** Keeps the part of `ring` on the side of the line where `inside(p) <= 0` (Sutherland–Hodgman, one edge). */
function clip(ring: XY[], side: (p: XY) => number): XY[] {
	const out: XY[] = [];
	for (let i = 0; i < ring.length; i++) {
		const a = ring[i];
		const b = ring[(i + 1) % ring.length];
		const sa = side(a);
		const sb = side(b);
		if (sa <= 0) out.push(a);
		if ((sa < 0 && sb > 0) || (sa > 0 && sb < 0)) {
			const t = sa / (sa - sb);
			out.push([a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1])]);
		}
	}
	return out;
}

/** The cell of every community with a marker, by community id; rings are closed ([lng, lat]). */
export function communityCells(
	areas: readonly AreaShape[],
	communities: readonly CommunityPoint[]
): Map<number, LngLat[]> {
	const cells = new Map<number, LngLat[]>();
	for (const area of areas) {
		const outer = area.rings[0];
		if (!outer || outer.length < 3) continue;
		const k = Math.cos((outer[0][1] * Math.PI) / 180);
		const toXY = ([lng, lat]: LngLat): XY => [lng * k, lat];
		const ring = outer.map(toXY);
		if (ring.length > 1 && ring[0][0] === ring.at(-1)![0] && ring[0][1] === ring.at(-1)![1]) ring.pop();
		const own = communities.filter((c) => c.areaId === area.id);
		for (const c of own) {
			const p = toXY([c.lng, c.lat]);
			let cell = ring;
			for (const q of own) {
				if (q.id === c.id) continue;
				const o = toXY([q.lng, q.lat]);
				const mid: XY = [(p[0] + o[0]) / 2, (p[1] + o[1]) / 2];
				const dir: XY = [o[0] - p[0], o[1] - p[1]];
				cell = clip(cell, (x) => (x[0] - mid[0]) * dir[0] + (x[1] - mid[1]) * dir[1]);
				if (cell.length < 3) break;
			}
			if (cell.length < 3) continue;
			const lngLat = cell.map(([x, y]): LngLat => [x / k, y]);
			cells.set(c.id, [...lngLat, lngLat[0]]);
		}
	}
	return cells;
}

/** Area of a closed ring in square degrees (shoelace): only for comparing rings with one another. */
export function ringArea(ring: readonly LngLat[]): number {
	let s = 0;
	for (let i = 0; i < ring.length - 1; i++) s += ring[i][0] * ring[i + 1][1] - ring[i + 1][0] * ring[i][1];
	return Math.abs(s) / 2;
}
