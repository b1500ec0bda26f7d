// The map page (地图): the outlines in force on the day shown, the tracks this actor may see, the
// filter choices, and the month's shading by rate or volume for those who see statistics.
import { can, viewScope, type Actor } from '$lib/domain/access';
import { categoryLabel } from '$lib/domain/category-search';
import { communityCells } from '$lib/domain/community-cells';
import { clusterPoints } from '$lib/domain/map-cluster';
import { SHADE_RATES, SHADE_VOLUMES, type ShadeMetric } from '$lib/domain/map-shading';
import { loadBaseMap } from '../base-map';
import type { CaseFilters } from '../repositories/case-list';
import type { Db } from '../db/create-database';
import { casePoints, enforcementPoints, MAX_MAP_POINTS, type Bbox } from '../repositories/map-points';
import { listCategories, loadGeography } from '../repositories/reference';
import { mapShading } from './map-shading';

export type MapTrack = 'grid' | 'enforcement' | 'all';

export interface MapQuery {
	/** The day whose boundary version is shown (old versions stay viewable). */
	on: string;
	today: string;
	filters: CaseFilters;
	track: string | null;
	month: string;
	metric: ShadeMetric;
	shade: boolean;
}

/** The tracks this actor may see on the map: grid cases, enforcement cases, or both. */
function mapTracks(actor: Actor) {
	const grid = viewScope(actor).kind !== 'none';
	const enforcement = can(actor, 'enforcement.view');
	return { grid, enforcement };
}

/** The page's data; null when this actor sees neither track. */
export async function loadMapPage(db: Db, actor: Actor, q: MapQuery, now: number) {
	const { grid, enforcement } = mapTracks(actor);
	if (!grid && !enforcement) return null;
	const [geo, categories, baseMap] = await Promise.all([loadGeography(db, q.on), listCategories(db), loadBaseMap(db)]);
	const cells = communityCells(geo.areas, geo.communities);
	const canShade = can(actor, 'stats.view');
	const shading =
		canShade && q.shade
			? await mapShading(
					db,
					q.month,
					q.metric,
					geo.areas.map((a) => a.id),
					geo.communities.map((c) => c.id),
					now
				)
			: null;
	const both = grid && enforcement;
	const track: MapTrack = both
		? q.track === 'enforcement' || q.track === 'all'
			? q.track
			: 'grid'
		: grid
			? 'grid'
			: 'enforcement';
	return {
		on: q.on === q.today ? null : q.on,
		geo: {
			boundary: geo.boundary,
			areas: geo.areas,
			// A 居民区 outline from the boundary version where there is one, else the region its marker wins.
			communities: geo.communities.map(({ rings, ...c }) => ({
				...c,
				outline: rings ?? (cells.has(c.id) ? [cells.get(c.id)!] : null)
			})),
			derivedCells: geo.communities.some((c) => !c.rings)
		},
		baseMap,
		filters: q.filters,
		track,
		tracks: [...(grid ? ['grid'] : []), ...(enforcement ? ['enforcement'] : []), ...(both ? ['all'] : [])],
		options: { categories: categories.map((c) => ({ code: c.code, label: categoryLabel(c) })) },
		shading,
		shadeChoice: { month: q.month, metric: q.metric, rates: SHADE_RATES, volumes: SHADE_VOLUMES, enabled: canShade },
		canReport: can(actor, 'case.report')
	};
}

/**
 * The markers in a map view, clustered on the server so a thousand cases travel as a few dozen
 * shapes; null when this actor may see neither track asked for.
 */
export async function loadMapPoints(
	db: Db,
	actor: Actor,
	q: { bbox: Bbox; zoom: number; track: string; filters: CaseFilters },
	now: number
) {
	const scope = viewScope(actor);
	const showGrid = q.track !== 'enforcement' && scope.kind !== 'none';
	const showEnforcement = q.track !== 'grid' && can(actor, 'enforcement.view');
	if (!showGrid && !showEnforcement) return null;
	const points = [
		...(showGrid ? await casePoints(db, scope, q.filters, q.bbox, now) : []),
		...(showEnforcement ? await enforcementPoints(db, q.filters, q.bbox, now) : [])
	];
	const truncated = points.length > MAX_MAP_POINTS;
	const shown = truncated ? points.slice(0, MAX_MAP_POINTS) : points;
	return { total: shown.length, truncated, ...clusterPoints(shown, q.zoom) };
}
