import { getDb } from '$lib/server/db';
import { listCommunityNames } from '$lib/server/repositories/reference';
import { searchShops } from '$lib/server/repositories/shops';
import { presentShop } from '$lib/server/services/shops';
import { requireCan } from '$lib/server/auth/gate';
import type { PageServerLoad } from './$types';
import { can } from '$lib/domain/access';

const PAGE_SIZE = 20;
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
	const db = getDb();
	const [result, communities] = await Promise.all([
		searchShops(db, {
			q: filters.q,
			communityId: filters.communityId,
			limit: PAGE_SIZE,
			offset: (filters.page - 1) * PAGE_SIZE
		}),
		listCommunityNames(db)
	]);
	return {
		rows: result.rows.map((r) => presentShop(actor, r)),
		total: result.total,
		page: filters.page,
		pageCount: Math.max(1, Math.ceil(result.total / PAGE_SIZE)),
		filters,
		communities: communities.map((c) => ({ id: c.id, name: c.name })),
		canManage: can(actor, 'enforcement.manage_shops')
	};
};
