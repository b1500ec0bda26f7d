import { describe, expect, it } from 'vitest';
import {
	checkBoundaries,
	checkCommunityBoundaries,
	parseBoundaryGeoJson,
	type BoundaryFeature
} from './boundary-input';
import { communityCells } from './community-cells';
import { gumeiGeo } from './fixtures/gumei-geo';
import { gcj02ToBd09, wgs84ToGcj02 } from './gcj02';
import type { LngLat } from './geo';

const byKind = (kind: string) => gumeiGeo.features.filter((f) => f.properties.kind === kind);
const subdistrict = byKind('subdistrict')[0].geometry.coordinates as LngLat[][];
const areaFeatures = byKind('area');
const communities = byKind('community').map((f) => ({
	name: f.properties.name,
	lng: (f.geometry.coordinates as LngLat)[0],
	lat: (f.geometry.coordinates as LngLat)[1]
}));
const demo: BoundaryFeature[] = areaFeatures.map((f) => ({
	name: f.properties.name,
	polygons: [f.geometry.coordinates as LngLat[][]]
}));
const mapPoints = (features: BoundaryFeature[], fn: (p: LngLat) => LngLat): BoundaryFeature[] =>
	features.map((f) => ({ ...f, polygons: f.polygons.map((p) => p.map((r) => r.map(fn))) }));
const collection = (features: BoundaryFeature[]) =>
	JSON.stringify({
		type: 'FeatureCollection',
		features: features.map((f) => ({
			type: 'Feature',
			properties: { name: f.name },
			geometry: { type: 'MultiPolygon', coordinates: f.polygons }
		}))
	});
const codes = (issues: { code: string }[]) => issues.map((i) => i.code);

describe('parseBoundaryGeoJson', () => {
	it('reads named Polygons and MultiPolygons, closing rings left open', () => {
		const parsed = parseBoundaryGeoJson(collection(demo));
		expect(parsed.ok && parsed.features.map((f) => f.name)).toEqual(['西片区', '中片区', '东片区']);
		const open = JSON.stringify({
			type: 'FeatureCollection',
			features: [
				{
					type: 'Feature',
					properties: { name: 'A' },
					geometry: {
						type: 'Polygon',
						coordinates: [
							[
								[121.38, 31.14],
								[121.39, 31.14],
								[121.39, 31.15]
							]
						]
					}
				}
			]
		});
		const r = parseBoundaryGeoJson(open);
		expect(r.ok && r.features[0].polygons[0][0]).toEqual([
			[121.38, 31.14],
			[121.39, 31.14],
			[121.39, 31.15],
			[121.38, 31.14]
		]);
	});
	it('names what is wrong with the file', () => {
		expect(codes((parseBoundaryGeoJson('{not json') as { issues: { code: string }[] }).issues)).toEqual([
			'geojson_invalid'
		]);
		expect(codes((parseBoundaryGeoJson('{"type":"Feature"}') as { issues: { code: string }[] }).issues)).toEqual([
			'geojson_not_collection'
		]);
		const crs = JSON.stringify({
			type: 'FeatureCollection',
			crs: { type: 'name', properties: { name: 'EPSG:3857' } },
			features: []
		});
		expect((parseBoundaryGeoJson(crs) as { issues: unknown[] }).issues).toEqual([
			{ code: 'geojson_crs', area: 'EPSG:3857' }
		]);
		const mixed = JSON.stringify({
			type: 'FeatureCollection',
			features: [
				{
					type: 'Feature',
					properties: {},
					geometry: {
						type: 'Polygon',
						coordinates: [
							[
								[1, 1],
								[2, 1],
								[2, 2],
								[1, 1]
							]
						]
					}
				},
				{ type: 'Feature', properties: { name: '点' }, geometry: { type: 'Point', coordinates: [1, 1] } },
				{
					type: 'Feature',
					properties: { name: '线' },
					geometry: {
						type: 'Polygon',
						coordinates: [
							[
								[1, 1],
								[2, 'x']
							]
						]
					}
				}
			]
		});
		expect((parseBoundaryGeoJson(mixed) as { issues: unknown[] }).issues).toEqual([
			{ code: 'geojson_no_name', area: '#1' },
			{ code: 'geojson_not_polygon', area: '点' },
			{ code: 'geojson_bad_coordinates', area: '线' }
		]);
	});
});

describe('checkBoundaries', () => {
	it('accepts the demo 片区, which tile the subdistrict exactly', () => {
		expect(checkBoundaries(demo, subdistrict, communities)).toEqual([]);
	});
	it('accepts a redraw that merges two 片区 into one MultiPolygon', () => {
		const merged: BoundaryFeature[] = [
			demo[0],
			{ name: '东片区', polygons: [...demo[1].polygons, ...demo[2].polygons] }
		];
		expect(checkBoundaries(merged, subdistrict, communities)).toEqual([]);
	});
	it('sees latitude and longitude swapped', () => {
		expect(
			checkBoundaries(
				mapPoints(demo, ([x, y]) => [y, x]),
				subdistrict,
				communities
			)
		).toEqual([{ code: 'latlng_swapped' }]);
	});
	it('sees a file labelled WGS-84 that is really GCJ-02 or BD-09', () => {
		expect(codes(checkBoundaries(mapPoints(demo, wgs84ToGcj02), subdistrict, communities))).toEqual(['looks_gcj02']);
		expect(
			codes(
				checkBoundaries(
					mapPoints(demo, (p) => gcj02ToBd09(wgs84ToGcj02(p))),
					subdistrict,
					communities
				)
			)
		).toEqual(['looks_bd09']);
	});
	it('sees a self-intersecting ring', () => {
		const ring = demo[1].polygons[0][0];
		const bowTie = [ring[0], ring[2], ring[1], ...ring.slice(3)];
		const issues = checkBoundaries(
			[demo[0], { name: '中片区', polygons: [[bowTie]] }, demo[2]],
			subdistrict,
			communities
		);
		expect(issues).toContainEqual({ code: 'self_intersecting', area: '中片区' });
	});
	it('sees 片区 that overlap, whether by crossing edges or by one copied over another', () => {
		expect(
			checkBoundaries([...demo, { name: '西片区二', polygons: demo[0].polygons }], subdistrict, communities)
		).toContainEqual({ code: 'areas_overlap', area: '西片区', other: '西片区二' });
		// 中片区 pushed 150 m west over 西片区.
		const pushed = mapPoints([demo[1]], ([x, y]) => [x - 0.0016, y])[0];
		expect(codes(checkBoundaries([demo[0], pushed, demo[2]], subdistrict, communities))).toContain('areas_overlap');
	});
	it('sees gaps and the 居民区 they leave without a 片区', () => {
		const issues = checkBoundaries([demo[0], demo[2]], subdistrict, communities);
		expect(issues[0]).toMatchObject({ code: 'areas_leave_gaps' });
		expect(issues[0].value).toBeGreaterThan(20);
		expect(issues.filter((i) => i.code === 'community_uncovered').map((i) => i.area)).toContain('平南一居');
	});
	it('sees a 片区 reaching outside the subdistrict', () => {
		const ring = demo[0].polygons[0][0].map(([x, y], i): LngLat =>
			i === 0 || i === demo[0].polygons[0][0].length - 1 ? [x - 0.003, y] : [x, y]
		);
		expect(
			checkBoundaries([{ name: '西片区', polygons: [[ring]] }, demo[1], demo[2]], subdistrict, communities)
		).toContainEqual(expect.objectContaining({ code: 'area_outside_subdistrict', area: '西片区' }));
	});
});

describe('checkCommunityBoundaries', () => {
	// A valid 居民区 tiling: the cells the nearest-marker rule gives (community-cells.ts).
	const areaShapes = areaFeatures.map((f, i) => ({
		id: i + 1,
		name: f.properties.name,
		rings: f.geometry.coordinates as LngLat[][]
	}));
	const points = communities.map((c, i) => ({
		id: i + 1,
		name: c.name,
		areaId: areaShapes.find((a) => a.name === byKind('community')[i].properties.area)!.id,
		lng: c.lng,
		lat: c.lat
	}));
	const cells = communityCells(areaShapes, points);
	const tiling: BoundaryFeature[] = points.map((c) => ({ name: c.name, polygons: [[cells.get(c.id)!]] }));
	const names = communities.map((c) => c.name);

	it('accepts outlines that tile the subdistrict, each inside one 片区', () => {
		expect(checkCommunityBoundaries(tiling, subdistrict, areaShapes, names)).toEqual([]);
	});
	it('names 居民区 that are not on file', () => {
		expect(
			checkCommunityBoundaries([...tiling.slice(1), { ...tiling[0], name: '新居委' }], subdistrict, areaShapes, names)
		).toEqual([{ code: 'unknown_community', area: '新居委' }]);
	});
	it('sees overlaps, gaps and a 居民区 reaching into the next 片区', () => {
		expect(
			codes(
				checkCommunityBoundaries([...tiling, { ...tiling[1], name: tiling[0].name }], subdistrict, areaShapes, names)
			)
		).toContain('areas_overlap');
		expect(codes(checkCommunityBoundaries(tiling.slice(3), subdistrict, areaShapes, names))).toEqual([
			'areas_leave_gaps'
		]);
		const widened = mapPoints([tiling[0]], ([x, y]) => [x + 0.004, y]);
		expect(codes(checkCommunityBoundaries([...widened, ...tiling.slice(1)], subdistrict, areaShapes, names))).toContain(
			'community_outside_area'
		);
	});
	it('sees 居民区 outlines in GCJ-02', () => {
		expect(codes(checkCommunityBoundaries(mapPoints(tiling, wgs84ToGcj02), subdistrict, areaShapes, names))).toEqual([
			'looks_gcj02'
		]);
	});
});
