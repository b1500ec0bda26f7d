import { describe, expect, it } from 'vitest';
import { locatePoint, pointInPolygon, type AreaShape, type CommunityPoint, type LngLat } from './geo';
import { areas, boundary, byKind, communities, square } from './fixtures/gumei-geo';

// locatePoint: which 片区 and 居民区 a point falls in, on the 古美路街道 data and on small drawn outlines.
// The geometry underneath (point in polygon, distances, interior points): geo.polygon.test.ts.

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
