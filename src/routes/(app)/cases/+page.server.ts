import { hasCapability, viewScope } from '$lib/domain/permissions';
import { requireActor } from '$lib/server/auth/guards';
import { getDb } from '$lib/server/db';
import { categoryLabel } from '$lib/domain/category-search';
import { parseCaseFilters } from '$lib/server/case-filters';
import { listCases, type CaseSummary } from '$lib/server/repositories/cases';
import { listAreaNames, listCategories, listCommunityNames } from '$lib/server/repositories/reference';
import type { PageServerLoad } from './$types';

const DESCRIPTION_CHARS = 40;

/** A list row: the columns the table shows, the description cut to a line. */
function listRow(r: CaseSummary) {
	const description = r.description.length > DESCRIPTION_CHARS ? `${r.description.slice(0, DESCRIPTION_CHARS)}…` : r.description;
	return {
		id: r.id, code: r.code, status: r.status, category_name: r.category_name, category_variant: r.category_variant, area_name: r.area_name,
		community_name: r.community_name, department_name: r.department_name, reported_at: r.reported_at, stage_started_at: r.stage_started_at,
		stage_deadline_at: r.stage_deadline_at, stage_warn_at: r.stage_warn_at, supervised: r.supervised, description, version: r.version
	};
}

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
		rows: result.rows.map(listRow),
		total: result.total,
		page: result.page,
		pageCount: result.pageCount,
		filters,
		now,
		canSupervise: hasCapability(actor, 'supervise'),
		options: {
			areas: areas.map((a) => ({ id: a.id, name: a.name })),
			communities: communities.map((c) => ({ id: c.id, name: c.name })),
			categories: categories.map((c) => ({ code: c.code, label: categoryLabel(c) }))
		}
	};
};
