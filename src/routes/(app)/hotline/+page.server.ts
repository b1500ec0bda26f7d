import { planOrderSearch } from '$lib/domain/hotline-search';
import { getDb } from '$lib/server/db';
import { HOTLINE_QUEUES, type HotlineQueue } from '$lib/domain/hotline-queues';
import { listOrders } from '$lib/server/repositories/hotline-orders';
import { orderTypeName } from '$lib/labels';
import { presentOrder } from '$lib/server/services/hotline/present';
import type { PageServerLoad } from './$types';
import { can } from '$lib/domain/access';
import { requireCan } from '$lib/server/auth/gate';

export const load: PageServerLoad = async (event) => {
	const actor = requireCan(event, 'hotline.view');
	const params = event.url.searchParams;
	const queueParam = params.get('queue') ?? 'all';
	const queue: HotlineQueue = (HOTLINE_QUEUES as readonly string[]).includes(queueParam)
		? (queueParam as HotlineQueue)
		: 'all';
	const page = /^[1-9][0-9]{0,6}$/.test(params.get('page') ?? '') ? Number(params.get('page')) : 1;
	const q = params.get('q')?.trim().slice(0, 100) || undefined;
	const repeat = params.get('repeat') === '1';
	const now = Date.now();
	const result = await listOrders(getDb(), actor, { queue, q, repeat, page }, now);
	return {
		...result,
		rows: result.rows.map((r) => ({ ...presentOrder(r, actor), order_type_label: orderTypeName(r.order_type) })),
		queue,
		q: q ?? '',
		repeat,
		// Why a phone-like search did not look at phones (the list repository plans the same way).
		searchNotice: q ? planOrderSearch(q, can(actor, 'hotline.search_personal_data')).notice : null,
		now,
		can: {
			import: can(actor, 'hotline.import'),
			create: can(actor, 'hotline.create'),
			export: can(actor, 'hotline.export'),
			searchPersonal: can(actor, 'hotline.search_personal_data')
		}
	};
};
