import { describe, expect, it } from 'vitest';
import { checkBoundaries, parseBoundaryGeoJson } from './boundary-input';
import { gumeiGeo } from './fixtures/gumei-geo';
import type { LngLat } from './geo';
import { edges, insertVertex, moveVertex, outlinesToGeoJson, vertices, type EditableOutline } from './outline-edit';

const byKind = (kind: string) => gumeiGeo.features.filter((f) => f.properties.kind === kind);
const subdistrict = byKind('subdistrict')[0].geometry.coordinates as LngLat[][];
const communities = byKind('community').map((f) => ({
	name: f.properties.name,
	lng: (f.geometry.coordinates as LngLat)[0],
	lat: (f.geometry.coordinates as LngLat)[1]
}));
const demo: EditableOutline[] = byKind('area').map((f) => ({
	name: f.properties.name,
	polygons: [f.geometry.coordinates as LngLat[][]]
}));
const check = (o: EditableOutline[]) => {
	const parsed = parseBoundaryGeoJson(outlinesToGeoJson(o));
	if (!parsed.ok) throw new Error('unparsable');
	return checkBoundaries(parsed.features, subdistrict, communities);
};
// A vertex of the cut between 西片区 and 中片区 that is not on the subdistrict outline.
const cutA: LngLat = [121.381, 31.1553];

describe('editing outlines', () => {
	it('moves a shared vertex in both 片区, so they still fit together', () => {
		expect(vertices(demo).some((v) => v[0] === cutA[0] && v[1] === cutA[1])).toBe(true);
		const moved = moveVertex(demo, cutA, [121.3815, 31.1551]);
		const count = (o: EditableOutline[], p: LngLat) =>
			o.flatMap((x) => x.polygons.flat(2)).filter((v) => v[0] === p[0] && v[1] === p[1]).length;
		expect(count(demo, cutA)).toBe(2);
		expect(count(moved, cutA)).toBe(0);
		expect(count(moved, [121.3815, 31.1551])).toBe(2);
		expect(check(moved)).toEqual([]);
	});
	it('adds a point on a shared edge to both 片区', () => {
		const shared = edges(demo).find(
			([a, b]) => (a[0] === cutA[0] && a[1] === cutA[1]) || (b[0] === cutA[0] && b[1] === cutA[1])
		)!;
		const mid: LngLat = [(shared[0][0] + shared[1][0]) / 2 + 0.0002, (shared[0][1] + shared[1][1]) / 2];
		const added = insertVertex(demo, shared[0], shared[1], mid);
		expect(added.filter((o) => o.polygons[0][0].some((v) => v[0] === mid[0] && v[1] === mid[1]))).toHaveLength(2);
		expect(check(added)).toEqual([]);
	});
	it('lists each edge once, shared or not', () => {
		const all = demo.reduce((n, o) => n + o.polygons[0][0].length - 1, 0);
		expect(edges(demo).length).toBeLessThan(all);
	});
});
