import { describe, expect, it } from 'vitest';
import { communityCells, ringArea } from './community-cells';
import { gumeiGeo, type GeoFeature } from './fixtures/gumei-geo';
import { locatePoint, pointInPolygon, type AreaShape, type CommunityPoint, type LngLat } from './geo';

const byKind = (kind: string) => gumeiGeo.features.filter((f) => f.properties.kind === kind);
const rings = (f: GeoFeature) => (f.geometry.type === 'Polygon' ? f.geometry.coordinates : []) as LngLat[][];
const boundary = rings(byKind('subdistrict')[0]);
const areas: AreaShape[] = byKind('area').map((f, i) => ({ id: i + 1, name: f.properties.name, rings: rings(f) }));
const communities: CommunityPoint[] = byKind('community').map((f, i) => {
	const [lng, lat] = f.geometry.coordinates as [number, number];
	return { id: i + 1, name: f.properties.name, areaId: areas.find((a) => a.name === f.properties.area)!.id, lng, lat };
});
const cells = communityCells(areas, communities);

describe('communityCells', () => {
	it('gives every 居民区 a cell that holds its own marker', () => {
		expect(cells.size).toBe(39);
		for (const c of communities) expect(pointInPolygon([c.lng, c.lat], [cells.get(c.id)!])).toBe(true);
	});

	it('tiles each 片区: the cells add up to its area', () => {
		for (const a of areas) {
			const total = communities.filter((c) => c.areaId === a.id).reduce((s, c) => s + ringArea(cells.get(c.id)!), 0);
			expect(total / ringArea(a.rings[0])).toBeCloseTo(1, 6);
		}
	});

	it('agrees with where a case is filed: a point inside a cell is located to that 居民区', () => {
		// A grid of points over the subdistrict, away from cell edges by more than a metre.
		let checked = 0;
		for (let lng = 121.372; lng <= 121.405; lng += 0.0011) {
			for (let lat = 31.132; lat <= 31.166; lat += 0.0009) {
				const r = locatePoint([lng, lat], boundary, areas, communities);
				if (!r.ok) continue;
				const holders = communities.filter((c) => pointInPolygon([lng, lat], [cells.get(c.id)!]));
				if (holders.length !== 1) continue; // on an edge shared by two cells
				expect(holders[0].id).toBe(r.communityId);
				checked++;
			}
		}
		expect(checked).toBeGreaterThan(500);
	});
});
