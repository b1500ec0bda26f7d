import { getDb } from '$lib/server/db';
import { loadShopList } from '$lib/server/services/shop-pages';
import { requireCan } from '$lib/server/auth/gate';
import type { PageServerLoad } from './$types';

const positiveInt = (s: string | null) => (s && /^[1-9][0-9]{0,8}$/.test(s) ? Number(s) : undefined);

/** A plain GET search, so a result list is a URL that can be shared. Unknown values are ignored. */
export const load: PageServerLoad = async (event) => {
	const actor = requireCan(event, 'enforcement.view_shops');
	const params = event.url.searchParams;
	const filters = {
		q: params.get('q')?.trim().slice(0, 100) ?? '',
		communityId: positiveInt(params.get('community')),
		page: positiveInt(params.get('page')) ?? 1
	};
	return loadShopList(getDb(), actor, filters);
};
