import { getDb } from '$lib/server/db';
import { isEnforcementView, loadEnforcementList } from '$lib/server/services/enforcement/list';
import type { PageServerLoad } from './$types';
import { requireCan } from '$lib/server/auth/gate';

/** 执法案件: each case with the legal clock it is on now; the nearest deadline first. */
export const load: PageServerLoad = async (event) => {
	const actor = requireCan(event, 'enforcement.view');
	const p = event.url.searchParams;
	const view = p.get('view') ?? '';
	const query = {
		view: isEnforcementView(view) ? view : 'open',
		page: Math.max(1, Math.min(10_000, Number(p.get('page')) || 1)),
		q: (p.get('q') ?? '').trim().slice(0, 100),
		overdue: p.get('overdue') === '1'
	} as const;
	return loadEnforcementList(getDb(), actor, query, Date.now());
};
