import { getDb } from '$lib/server/db';
import { parseOrderFilters } from '$lib/server/order-filters';
import { loadOrderList } from '$lib/server/services/hotline/order-list';
import type { PageServerLoad } from './$types';
import { requireCan } from '$lib/server/auth/gate';

export const load: PageServerLoad = async (event) => {
	const actor = requireCan(event, 'hotline.view');
	return loadOrderList(getDb(), actor, parseOrderFilters(event.url.searchParams), Date.now());
};
