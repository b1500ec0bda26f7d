import { error } from '@sveltejs/kit';
import { communityCells } from '$lib/domain/community-cells';
import { isShadeMetric, SHADE_RATES, SHADE_VOLUMES } from '$lib/domain/map-shading';
import { isMonth } from '$lib/domain/stats-period';
import { isValidDate, shanghaiDate } from '$lib/domain/working-days';
import { categoryLabel } from '$lib/domain/category-search';
import { CASE_SOURCES, CASE_STATUSES } from '$lib/domain/case-status';
import { m } from '$lib/paraglide/messages';
import { parseCaseFilters } from '$lib/server/case-filters';
import { getDb } from '$lib/server/db';
import { listCategories, loadGeography } from '$lib/server/repositories/reference';
import { loadBaseMap } from '$lib/server/base-map';
import { mapShading } from './shading';
import type { PageServerLoad } from './$types';
import { viewScope, can } from '$lib/domain/access';
import { requireActor } from '$lib/server/auth/gate';

export const load: PageServerLoad = async (event) => {
	const actor = requireActor(event);
	const canGrid = viewScope(actor).kind !== 'none';
	const canEnforcement = can(actor, 'enforcement.view');
	if (!canGrid && !canEnforcement) error(403, m.err_forbidden());
	const db = getDb();
	const now = Date.now();
	const today = shanghaiDate(now);
	const sp = event.url.searchParams;
	// ?on=YYYY-MM-DD shows the boundary version in force that day (old versions stay viewable).
	const on = isValidDate(sp.get('on') ?? '') && sp.get('on')! <= today ? sp.get('on')! : today;
	const [geo, categories, baseMap] = await Promise.all([loadGeography(db, on), listCategories(db), loadBaseMap(db)]);
	const cells = communityCells(geo.areas, geo.communities);

	const canShade = can(actor, 'stats.view');
	const month = isMonth(sp.get('month') ?? '') ? sp.get('month')! : today.slice(0, 7);
	const metricParam = sp.get('metric') ?? '';
	const metric = isShadeMetric(metricParam) ? metricParam : 'grid_on_time';
	const shading =
		canShade && sp.get('shade') !== '0'
			? await mapShading(
					db,
					month,
					metric,
					geo.areas.map((a) => a.id),
					geo.communities.map((c) => c.id),
					now
				)
			: null;

	const track = sp.get('track');
	return {
		on: on === today ? null : on,
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
		filters: parseCaseFilters(sp),
		track:
			canGrid && canEnforcement
				? track === 'enforcement' || track === 'all'
					? track
					: 'grid'
				: canGrid
					? 'grid'
					: 'enforcement',
		tracks: [
			...(canGrid ? ['grid'] : []),
			...(canEnforcement ? ['enforcement'] : []),
			...(canGrid && canEnforcement ? ['all'] : [])
		],
		options: {
			statuses: CASE_STATUSES,
			sources: CASE_SOURCES,
			categories: categories.map((c) => ({ code: c.code, label: categoryLabel(c) }))
		},
		shading,
		shadeChoice: { month, metric, rates: SHADE_RATES, volumes: SHADE_VOLUMES, enabled: canShade },
		canReport: can(actor, 'case.report')
	};
};
