import { describe, expect, it } from 'vitest';
import { distanceMeters, isValidLngLat, locatePoint, interiorPoint, pointInPolygon, type LngLat } from './geo';
import { areas, boundary, communities, square } from './fixtures/gumei-geo';

// The geometry under locatePoint: point in polygon (edges, holes, the subdistrict's own outline), distances,
// coordinate checks and interior points. Locating on the 古美路街道 data: geo.locate.test.ts.

describe('pointInPolygon', () => {
	const sq = [square(0, 0, 10, 10)];

	it('inside and outside a square', () => {
		expect(pointInPolygon([5, 5], sq)).toBe(true);
		expect(pointInPolygon([0.001, 9.999], sq)).toBe(true);
		expect(pointInPolygon([-0.001, 5], sq)).toBe(false);
		expect(pointInPolygon([10.001, 5], sq)).toBe(false);
		expect(pointInPolygon([5, 10.001], sq)).toBe(false);
		expect(pointInPolygon([15, 5], sq)).toBe(false);
	});

	it('edges and vertices count as inside', () => {
		for (const pt of [
			[0, 0],
			[10, 0],
			[10, 10],
			[0, 10],
			[5, 0],
			[10, 5],
			[5, 10],
			[0, 5]
		] as LngLat[]) {
			expect(pointInPolygon(pt, sq), JSON.stringify(pt)).toBe(true);
		}
	});

	it('rays through a vertex are counted once', () => {
		// Diamond: a horizontal ray from [0,0] leftwards/rightwards passes exactly through vertices.
		const diamond: LngLat[][] = [
			[
				[0, -5],
				[5, 0],
				[0, 5],
				[-5, 0]
			]
		];
		expect(pointInPolygon([0, 0], diamond)).toBe(true);
		expect(pointInPolygon([-6, 0], diamond)).toBe(false);
		expect(pointInPolygon([6, 0], diamond)).toBe(false);
	});

	it('open and closed rings behave the same', () => {
		const open = [sq[0].slice(0, 4)];
		for (const pt of [
			[5, 5],
			[-1, 5],
			[10, 10],
			[11, 11]
		] as LngLat[]) {
			expect(pointInPolygon(pt, open)).toBe(pointInPolygon(pt, sq));
		}
	});

	it('holes are respected', () => {
		const withHole = [square(0, 0, 10, 10), square(3, 3, 7, 7)];
		expect(pointInPolygon([5, 5], withHole)).toBe(false);
		expect(pointInPolygon([1, 1], withHole)).toBe(true);
		expect(pointInPolygon([8, 5], withHole)).toBe(true);
		// The hole's edge belongs to the (closed) polygon.
		expect(pointInPolygon([3, 5], withHole)).toBe(true);
		// A polygon with a hole at the subdistrict scale.
		const c = communities[0];
		const d = 0.0005;
		const holed = [boundary[0], square(c.lng - d, c.lat - d, c.lng + d, c.lat + d)];
		expect(locatePoint([c.lng, c.lat], holed, areas, communities)).toEqual({
			ok: false,
			reason: 'outside_subdistrict'
		});
	});

	it('concave polygon', () => {
		// U shape: the notch [4..6]x[5..10] is outside.
		const u: LngLat[][] = [
			[
				[0, 0],
				[10, 0],
				[10, 10],
				[6, 10],
				[6, 5],
				[4, 5],
				[4, 10],
				[0, 10]
			]
		];
		expect(pointInPolygon([5, 7], u)).toBe(false);
		expect(pointInPolygon([5, 3], u)).toBe(true);
		expect(pointInPolygon([2, 7], u)).toBe(true);
		expect(pointInPolygon([8, 7], u)).toBe(true);
	});

	it('degenerate input never throws', () => {
		expect(pointInPolygon([1, 1], [])).toBe(false);
		expect(pointInPolygon([1, 1], [[]])).toBe(false);
		expect(
			pointInPolygon(
				[1, 1],
				[
					[
						[0, 0],
						[2, 2]
					]
				]
			)
		).toBe(false);
		expect(pointInPolygon([NaN, 1], sq)).toBe(false);
	});
});

describe('distanceMeters', () => {
	it('is zero for the same point and symmetric', () => {
		const a: LngLat = [121.3883, 31.1485];
		const b: LngLat = [121.4, 31.16];
		expect(distanceMeters(a, a)).toBe(0);
		expect(distanceMeters(a, b)).toBeCloseTo(distanceMeters(b, a), 6);
	});

	it('one degree of latitude is about 111.2 km', () => {
		expect(distanceMeters([121, 31], [121, 32])).toBeCloseTo(111_195, -1);
	});

	it('one degree of longitude at 31°N is about 95.3 km', () => {
		expect(distanceMeters([121, 31], [122, 31])).toBeGreaterThan(95_200);
		expect(distanceMeters([121, 31], [122, 31])).toBeLessThan(95_400);
	});

	it('antipodes are half the circumference', () => {
		expect(distanceMeters([0, 0], [180, 0])).toBeCloseTo(Math.PI * 6_371_008.8, 0);
	});
});

describe('isValidLngLat', () => {
	it('accepts WGS-84 ranges', () => {
		expect(isValidLngLat(121.3883, 31.1485)).toBe(true);
		expect(isValidLngLat(-180, -90)).toBe(true);
		expect(isValidLngLat(180, 90)).toBe(true);
	});

	it('rejects out-of-range and non-finite values', () => {
		expect(isValidLngLat(181, 0)).toBe(false);
		expect(isValidLngLat(0, 90.0001)).toBe(false);
		expect(isValidLngLat(NaN, 0)).toBe(false);
		expect(isValidLngLat(0, Infinity)).toBe(false);
		// Swapped [lat, lng] for Shanghai is out of range.
		expect(isValidLngLat(31.1485, 121.3883)).toBe(false);
	});
});

describe('interiorPoint', () => {
	it('lands inside a concave outline (a U shape), where the middle of the box would not', () => {
		const u: LngLat[] = [
			[0, 0],
			[3, 0],
			[3, 3],
			[2, 3],
			[2, 1],
			[1, 1],
			[1, 3],
			[0, 3],
			[0, 0]
		];
		const p = interiorPoint([u])!;
		expect(pointInPolygon(p, [u])).toBe(true);
		expect(pointInPolygon([1.5, 1.5], [u])).toBe(false);
	});
	it('lands inside every demo 片区', () => {
		for (const a of areas) expect(pointInPolygon(interiorPoint(a.rings)!, a.rings)).toBe(true);
	});
});
