// Editing 片区 outlines on the map without breaking how they fit together: a vertex
// shared by two 片区 is one point, so moving it moves both outlines, and a point added on a shared
// edge is added to both. Pure; outlines are closed rings of [lng, lat].
import type { LngLat } from './geo';

export interface EditableOutline {
	name: string;
	/** Polygons, each an outer ring then holes; every ring closed (first point repeated last). */
	polygons: LngLat[][][];
}

const same = (a: LngLat, b: LngLat) => a[0] === b[0] && a[1] === b[1];

/** Every distinct vertex once (closing points are not counted twice). */
export function vertices(outlines: readonly EditableOutline[]): LngLat[] {
	const seen = new Map<string, LngLat>();
	for (const o of outlines)
		for (const p of o.polygons) for (const r of p) for (const v of r.slice(0, -1)) seen.set(`${v[0]},${v[1]}`, v);
	return [...seen.values()];
}

/** Moves the vertex at `from` to `to` wherever it appears. */
export function moveVertex(outlines: readonly EditableOutline[], from: LngLat, to: LngLat): EditableOutline[] {
	return outlines.map((o) => ({
		...o,
		polygons: o.polygons.map((p) => p.map((r) => r.map((v) => (same(v, from) ? ([to[0], to[1]] as LngLat) : v))))
	}));
}

/** Adds `p` between the neighbouring vertices a and b in every ring that has that edge (either way round). */
export function insertVertex(outlines: readonly EditableOutline[], a: LngLat, b: LngLat, p: LngLat): EditableOutline[] {
	return outlines.map((o) => ({
		...o,
		polygons: o.polygons.map((poly) =>
			poly.map((r) => {
				const out: LngLat[] = [];
				for (let i = 0; i < r.length; i++) {
					out.push(r[i]);
					const next = r[i + 1];
					if (next && ((same(r[i], a) && same(next, b)) || (same(r[i], b) && same(next, a)))) out.push([p[0], p[1]]);
				}
				return out;
			})
		)
	}));
}

/** Every edge once, as [a, b] (shared edges are listed once). */
export function edges(outlines: readonly EditableOutline[]): [LngLat, LngLat][] {
	const seen = new Map<string, [LngLat, LngLat]>();
	for (const o of outlines)
		for (const p of o.polygons)
			for (const r of p)
				for (let i = 0; i + 1 < r.length; i++) {
					const [a, b] = [r[i], r[i + 1]];
					const key = [`${a[0]},${a[1]}`, `${b[0]},${b[1]}`].sort().join('|');
					if (!seen.has(key)) seen.set(key, [a, b]);
				}
	return [...seen.values()];
}

/** The outlines as the GeoJSON file an admin would upload. */
export function outlinesToGeoJson(outlines: readonly EditableOutline[]): string {
	return JSON.stringify({
		type: 'FeatureCollection',
		features: outlines.map((o) => ({
			type: 'Feature',
			properties: { name: o.name },
			geometry: { type: 'MultiPolygon', coordinates: o.polygons }
		}))
	});
}
