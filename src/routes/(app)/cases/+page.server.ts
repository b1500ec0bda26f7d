import { CASE_SOURCES, isCaseStatus } from '$lib/domain/case-status';
import { hasCapability, viewScope } from '$lib/domain/permissions';
import { requireActor } from '$lib/server/auth/guards';
import { getDb } from '$lib/server/db';
import { listCases, type CaseFilters } from '$lib/server/repositories/cases';
import { listAreaNames, listCategories, listCommunityNames } from '$lib/server/repositories/reference';
import type { PageServerLoad } from './$types';

const positiveInt = (s: string | null) => (s && /^[1-9][0-9]{0,8}$/.test(s) ? Number(s) : undefined);

/** Filters are plain GET parameters, so a filtered list is a URL that can be shared. Unknown values are ignored. */
function parseFilters(params: URLSearchParams): CaseFilters {
	const status = params.getAll('status').filter(isCaseStatus);
	const source = params.get('source') ?? '';
	return {
		status: status.length ? status : undefined,
		areaId: positiveInt(params.get('area')),
		communityId: positiveInt(params.get('community')),
		departmentId: positiveInt(params.get('department')),
		categoryCode: params.get('category') || undefined,
		source: (CASE_SOURCES as readonly string[]).includes(source) ? source : undefined,
		overdue: params.get('overdue') === '1',
		dueSoon: params.get('due_soon') === '1',
		returned: params.get('returned') === '1',
		supervised: params.get('supervised') === '1',
		q: params.get('q')?.trim().slice(0, 100) || undefined,
		page: positiveInt(params.get('page')) ?? 1
	};
}

export const load: PageServerLoad = async (event) => {
	const actor = requireActor(event);
	const db = getDb();
	const filters = parseFilters(event.url.searchParams);
	const now = Date.now();
	const [result, areas, communities, categories] = await Promise.all([
		listCases(db, viewScope(actor), filters, now),
		listAreaNames(db),
		listCommunityNames(db),
		listCategories(db)
	]);
	return {
		...result,
		filters,
		now,
		canSupervise: hasCapability(actor, 'supervise'),
		options: {
			areas,
			communities,
			categories: categories.map((c) => ({ code: c.code, minor: c.minor, variant: c.variant }))
		}
	};
};
