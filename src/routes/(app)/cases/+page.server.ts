import { getDb } from '$lib/server/db';
import { categoryLabel } from '$lib/domain/category-search';
import { parseCaseFilters } from '$lib/server/case-filters';
import { listCases } from '$lib/server/repositories/case-list';
import { listAreaNames, listCategories, listCommunityNames } from '$lib/server/repositories/reference';
import type { PageServerLoad } from './$types';
import { viewScope, can } from '$lib/domain/access';
import { requireActor } from '$lib/server/auth/gate';

const DESCRIPTION_CHARS = 40;

/** The description cut to one line: every byte is rendered once and serialized once more for the browser. */
const oneLine = (text: string) => (text.length > DESCRIPTION_CHARS ? `${text.slice(0, DESCRIPTION_CHARS)}…` : text);

export const load: PageServerLoad = async (event) => {
	const actor = requireActor(event);
	const db = getDb();
	const filters = parseCaseFilters(event.url.searchParams);
	const now = Date.now();
	const [result, areas, communities, categories] = await Promise.all([
		listCases(db, viewScope(actor), filters, now),
		listAreaNames(db),
		listCommunityNames(db),
		listCategories(db)
	]);
	// Only what the page shows: every byte here is rendered once and serialized once more for the browser.
	return {
		rows: result.rows.map((r) => ({ ...r, description: oneLine(r.description) })),
		total: result.total,
		page: result.page,
		pageCount: result.pageCount,
		filters,
		now,
		canSupervise: can(actor, 'case.supervise'),
		options: {
			areas: areas.map((a) => ({ id: a.id, name: a.name })),
			communities: communities.map((c) => ({ id: c.id, name: c.name, area_id: c.area_id })),
			categories: categories.map((c) => ({ code: c.code, label: categoryLabel(c) }))
		}
	};
};
