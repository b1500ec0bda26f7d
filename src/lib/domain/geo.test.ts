import { describe, expect, it } from 'vitest';
import {
	distanceMeters,
	isValidLngLat,
	locatePoint,
	interiorPoint,
	pointInPolygon,
	type AreaShape,
	type CommunityPoint,
	type LngLat
} from './geo';
import { gumeiGeo, type GeoFeature } from './fixtures/gumei-geo';

function polygonRings(f: GeoFeature): LngLat[][] {
	if (f.geometry.type !== 'Polygon') throw new Error(`expected Polygon for ${f.properties.name}`);
	return f.geometry.coordinates;
}

const byKind = (kind: string) => gumeiGeo.features.filter((f) => f.properties.kind === kind);
const boundary = polygonRings(byKind('subdistrict')[0]);
const areas: AreaShape[] = byKind('area').map((f, i) => ({
	id: i + 1,
	name: f.properties.name,
	rings: polygonRings(f)
}));
const communities: CommunityPoint[] = byKind('community').map((f, i) => {
	if (f.geometry.type !== 'Point') throw new Error('expected Point');
	const area = areas.find((a) => a.name === f.properties.area);
	if (!area) throw new Error(`unknown area ${String(f.properties.area)}`);
	const [lng, lat] = f.geometry.coordinates;
	return { id: 100 + i, name: f.properties.name, areaId: area.id, lng, lat };
});

describe('gumei fixture', () => {
	it('has 1 subdistrict, 3 areas, 39 communities', () => {
		expect(byKind('subdistrict')).toHaveLength(1);
		expect(areas.map((a) => a.name)).toEqual(['西片区', '中片区', '东片区']);
		expect(communities).toHaveLength(39);
	});
});

describe('locatePoint on the 古美路街道 data', () => {
	it.each(communities.map((c) => [c.name, c] as const))('%s locates to itself and its own 片区', (_name, c) => {
		const r = locatePoint([c.lng, c.lat], boundary, areas, communities);
		expect(r).toEqual({ ok: true, areaId: c.areaId, communityId: c.id });
	});

	it('every marker lies in exactly one area', () => {
		for (const c of communities) {
			const hits = areas.filter((a) => pointInPolygon([c.lng, c.lat], a.rings));
			expect(hits.map((a) => a.id)).toEqual([c.areaId]);
		}
	});

	it('a point outside the boundary is outside_subdistrict', () => {
		expect(locatePoint([121.3, 31.1], boundary, areas, communities)).toEqual({
			ok: false,
			reason: 'outside_subdistrict'
		});
		expect(locatePoint([0, 0], boundary, areas, communities)).toEqual({ ok: false, reason: 'outside_subdistrict' });
	});

	it('invalid coordinates are outside_subdistrict, never throw', () => {
		expect(locatePoint([NaN, 31.1485], boundary, areas, communities)).toMatchObject({ ok: false });
		expect(locatePoint([121.3883, Infinity], boundary, areas, communities)).toMatchObject({ ok: false });
	});

	it('a point between markers picks the nearest marker of the containing area', () => {
		// 10 m east of 古美七村 (东片区).
		const c = communities.find((x) => x.name === '古美七村')!;
		const r = locatePoint([c.lng + 0.0001, c.lat], boundary, areas, communities);
		expect(r).toEqual({ ok: true, areaId: c.areaId, communityId: c.id });
	});

	it('a point on a shared 片区 edge goes to the first area listed', () => {
		// A vertex of cut B (中|东), present in both areas.
		const pt: LngLat = [121.392342, 31.154426];
		expect(pointInPolygon(pt, areas[1].rings)).toBe(true);
		expect(pointInPolygon(pt, areas[2].rings)).toBe(true);
		const r = locatePoint(pt, boundary, areas, communities);
		expect(r).toMatchObject({ ok: true, areaId: 2 });
	});

	it('no_area when inside the boundary but in no area', () => {
		const c = communities[0];
		expect(locatePoint([c.lng, c.lat], boundary, [], communities)).toEqual({ ok: false, reason: 'no_area' });
	});

	it('no_community when the containing area has no markers', () => {
		const c = communities[0];
		const others = communities.filter((x) => x.areaId !== c.areaId);
		expect(locatePoint([c.lng, c.lat], boundary, areas, others)).toEqual({ ok: false, reason: 'no_community' });
	});

	it('MultiPolygon: several AreaShapes with the same id', () => {
		const parts: AreaShape[] = [
			{ id: 7, name: 'A', rings: [square(121.37, 31.13, 121.38, 31.14)] },
			{ id: 7, name: 'A', rings: [square(121.39, 31.14, 121.41, 31.16)] }
		];
		const pts: CommunityPoint[] = [{ id: 1, name: 'x', areaId: 7, lng: 121.4, lat: 31.15 }];
		expect(locatePoint([121.4, 31.15], boundary, parts, pts)).toEqual({ ok: true, areaId: 7, communityId: 1 });
		expect(locatePoint([121.3855, 31.15], boundary, parts, pts)).toEqual({ ok: false, reason: 'no_area' });
	});
});

function square(x0: number, y0: number, x1: number, y1: number): LngLat[] {
	return [
		[x0, y0],
		[x1, y0],
		[x1, y1],
		[x0, y1],
		[x0, y0]
	];
}

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

describe('locatePoint with 居民区 outlines', () => {
	// Two 居民区 of 西片区 whose outlines split a square; the markers sit on the "wrong" sides.
	const square: AreaShape = {
		id: 1,
		name: '片区',
		rings: [
			[
				[121.0, 31.0],
				[121.01, 31.0],
				[121.01, 31.01],
				[121.0, 31.01],
				[121.0, 31.0]
			]
		]
	};
	const west: CommunityPoint = {
		id: 10,
		name: '西',
		areaId: 1,
		lng: 121.009,
		lat: 31.005,
		rings: [
			[
				[121.0, 31.0],
				[121.005, 31.0],
				[121.005, 31.01],
				[121.0, 31.01],
				[121.0, 31.0]
			]
		]
	};
	const east: CommunityPoint = {
		id: 11,
		name: '东',
		areaId: 1,
		lng: 121.001,
		lat: 31.005,
		rings: [
			[
				[121.005, 31.0],
				[121.01, 31.0],
				[121.01, 31.008],
				[121.005, 31.008],
				[121.005, 31.0]
			]
		]
	};
	const bounds = square.rings;
	it('the outline decides, not the nearest marker', () => {
		expect(locatePoint([121.002, 31.005], bounds, [square], [west, east])).toEqual({
			ok: true,
			areaId: 1,
			communityId: 10
		});
		expect(locatePoint([121.008, 31.005], bounds, [square], [west, east])).toEqual({
			ok: true,
			areaId: 1,
			communityId: 11
		});
	});
	it('a point on the shared edge goes to the first outline listed', () => {
		expect(locatePoint([121.005, 31.004], bounds, [square], [west, east])).toEqual({
			ok: true,
			areaId: 1,
			communityId: 10
		});
	});
	it('a point outside every outline falls back to the nearest marker', () => {
		expect(locatePoint([121.008, 31.009], bounds, [square], [west, east])).toEqual({
			ok: true,
			areaId: 1,
			communityId: 10
		});
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
