import { describe, expect, it } from 'vitest';
import { checkBoundaries, MAX_BOUNDARY_VERTICES, parseBoundaryGeoJson } from './boundary-input';
import { selfIntersects, type XY } from './boundary-geometry';
import { denseBoundaryGeoJson } from './fixtures/dense-boundaries';
import { gumeiGeo } from './fixtures/gumei-geo';
import { pointInPolygon, type LngLat } from './geo';
import { PolygonIndex } from './polygon-index';

// A fixed pseudo-random sequence, so a failure can be replayed.
function random(seed: number) {
	let s = seed;
	return () => (s = (s * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648;
}
const rings = (name: string) =>
	gumeiGeo.features.find((f) => f.properties.name === name)!.geometry.coordinates as LngLat[][];
const areas = gumeiGeo.features
	.filter((f) => f.properties.kind === 'area')
	.map((f) => ({ name: f.properties.name, rings: f.geometry.coordinates as [number, number][][] }));
const subdistrict = rings('古美路街道');
const markers = gumeiGeo.features
	.filter((f) => f.properties.kind === 'community')
	.map((f) => ({
		name: f.properties.name,
		lng: (f.geometry.coordinates as number[])[0],
		lat: (f.geometry.coordinates as number[])[1]
	}));

describe('PolygonIndex', () => {
	it('answers as pointInPolygon does: inside, outside, holes, vertices and points on edges', () => {
		const next = random(7);
		const shapes = [
			rings('西片区'),
			rings('中片区'),
			subdistrict,
			[
				[
					[0, 0],
					[10, 0],
					[10, 10],
					[0, 10],
					[0, 0]
				],
				[
					[3, 3],
					[6, 3],
					[6, 6],
					[3, 6],
					[3, 3]
				]
			] as LngLat[][]
		];
		for (const shape of shapes) {
			const index = new PolygonIndex(shape);
			const xs = shape.flat().map((p) => p[0]);
			const ys = shape.flat().map((p) => p[1]);
			const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
			const probes: LngLat[] = shape.flat();
			for (let i = 0; i + 1 < shape[0].length; i++)
				probes.push([(shape[0][i][0] + shape[0][i + 1][0]) / 2, (shape[0][i][1] + shape[0][i + 1][1]) / 2]);
			for (let i = 0; i < 2000; i++)
				probes.push([x0 - 0.1 * (x1 - x0) + next() * 1.2 * (x1 - x0), y0 - 0.1 * (y1 - y0) + next() * 1.2 * (y1 - y0)]);
			expect(probes.map((p) => index.contains(p))).toEqual(probes.map((p) => pointInPolygon(p, shape)));
		}
	});
});

describe('selfIntersects on a grid', () => {
	const brute = (ring: XY[]) => {
		const n = ring.length - 1;
		const cross = (o: XY, a: XY, b: XY) => (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);
		const proper = (a: XY, b: XY, c: XY, d: XY) => {
			const [d1, d2, d3, d4] = [cross(c, d, a), cross(c, d, b), cross(a, b, c), cross(a, b, d)];
			return (
				((d1 > 1e-6 && d2 < -1e-6) || (d1 < -1e-6 && d2 > 1e-6)) &&
				((d3 > 1e-6 && d4 < -1e-6) || (d3 < -1e-6 && d4 > 1e-6))
			);
		};
		for (let i = 0; i < n; i++)
			for (let j = i + 2; j < n; j++)
				if (!(i === 0 && j === n - 1) && proper(ring[i], ring[i + 1], ring[j], ring[j + 1])) return true;
		return false;
	};
	it('finds the same crossings as comparing every pair of edges', () => {
		const next = random(11);
		let crossed = 0;
		for (let t = 0; t < 300; t++) {
			const n = 4 + Math.floor(next() * 12);
			const ring: XY[] = Array.from({ length: n }, () => [next() * 100, next() * 100] as XY);
			ring.push(ring[0]);
			if (brute(ring)) crossed++;
			expect(selfIntersects(ring)).toBe(brute(ring));
		}
		expect(crossed).toBeGreaterThan(50);
		expect(crossed).toBeLessThan(300);
	});
});

describe('a maximal upload', () => {
	it('checks 45,000 vertices to the result the plain outlines give (its time is measured by the e2e /health probe, not here)', () => {
		const text = denseBoundaryGeoJson(areas, 45_000);
		expect(text.length).toBeGreaterThan(1_000_000);
		const parsed = parseBoundaryGeoJson(text);
		if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
		expect(parsed.features.reduce((n, f) => n + f.polygons.flat(2).length, 0)).toBeGreaterThanOrEqual(45_000);
		const issues = checkBoundaries(parsed.features, subdistrict, markers);
		const plain = parseBoundaryGeoJson(denseBoundaryGeoJson(areas, 1));
		if (!plain.ok) throw new Error(JSON.stringify(plain.issues));
		expect(issues).toEqual(checkBoundaries(plain.features, subdistrict, markers));
	});

	it('refuses more points than the limit, naming how many', () => {
		const parsed = parseBoundaryGeoJson(denseBoundaryGeoJson(areas, MAX_BOUNDARY_VERTICES + 1000));
		expect(parsed.ok).toBe(false);
		expect(!parsed.ok && parsed.issues[0].code).toBe('too_many_vertices');
		expect(!parsed.ok && parsed.issues[0].value).toBeGreaterThan(MAX_BOUNDARY_VERTICES);
	});
});
