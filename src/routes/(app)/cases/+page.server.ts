import { getDb } from '$lib/server/db';
import { parseCaseFilters } from '$lib/server/case-filters';
import { loadCaseList } from '$lib/server/services/case-list';
import type { PageServerLoad } from './$types';
import { requireActor } from '$lib/server/auth/gate';

export const load: PageServerLoad = async (event) => {
	const actor = requireActor(event);
	return loadCaseList(getDb(), actor, parseCaseFilters(event.url.searchParams), Date.now());
};
