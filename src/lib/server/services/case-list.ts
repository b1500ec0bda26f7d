// The case list (案件列表): the cases this actor may see, filtered, one page, with the filter choices.
import { can, viewScope, type Actor } from '$lib/domain/access';
import { categoryLabel } from '$lib/domain/category-search';
import type { Db } from '../db/create-database';
import { listCases, type CaseFilters } from '../repositories/case-list';
import { listAreaNames, listCategories, listCommunityNames } from '../repositories/reference';

const DESCRIPTION_CHARS = 40;

/** The description cut to one line: every byte is rendered once and serialized once more for the browser. */
const oneLine = (text: string) => (text.length > DESCRIPTION_CHARS ? `${text.slice(0, DESCRIPTION_CHARS)}…` : text);

export async function loadCaseList(db: Db, actor: Actor, filters: CaseFilters, now: number) {
	const [result, areas, communities, categories] = await Promise.all([
		listCases(db, viewScope(actor), filters, now),
		listAreaNames(db),
		listCommunityNames(db),
		listCategories(db)
	]);
	// Only what the page shows.
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
}
