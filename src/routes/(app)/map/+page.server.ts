import { error } from '@sveltejs/kit';
import { isShadeMetric } from '$lib/domain/map-shading';
import { isMonth } from '$lib/domain/stats-period';
import { isValidDate, shanghaiDate } from '$lib/domain/working-days';
import { m } from '$lib/paraglide/messages';
import { parseCaseFilters } from '$lib/server/case-filters';
import { getDb } from '$lib/server/db';
import { loadMapPage } from '$lib/server/services/map-page';
import type { PageServerLoad } from './$types';
import { requireActor } from '$lib/server/auth/gate';

export const load: PageServerLoad = async (event) => {
	const actor = requireActor(event);
	const now = Date.now();
	const today = shanghaiDate(now);
	const sp = event.url.searchParams;
	const on = sp.get('on') ?? '';
	const month = sp.get('month') ?? '';
	const metric = sp.get('metric') ?? '';
	const page = await loadMapPage(
		getDb(),
		actor,
		{
			// ?on=YYYY-MM-DD shows the boundary version in force that day (old versions stay viewable).
			on: isValidDate(on) && on <= today ? on : today,
			today,
			filters: parseCaseFilters(sp),
			track: sp.get('track'),
			month: isMonth(month) ? month : today.slice(0, 7),
			metric: isShadeMetric(metric) ? metric : 'grid_on_time',
			shade: sp.get('shade') !== '0'
		},
		now
	);
	if (!page) error(403, m.err_forbidden());
	return page;
};
