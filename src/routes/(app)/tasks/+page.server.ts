import { OPEN_STATUSES } from '$lib/domain/case-status';
import { orderTaskStatuses } from '$lib/domain/tasks';
import { redirect } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { listTasks } from '$lib/server/repositories/cases';
import { loadReportedList, loadWorkList } from '$lib/server/services/work-list';
import type { PageServerLoad } from './$types';
import { viewScope, can } from '$lib/domain/access';
import { requireActor } from '$lib/server/auth/gate';

const pageNumber = (s: string | null) => (s && /^[1-9][0-9]{0,6}$/.test(s) ? Number(s) : 1);

export const load: PageServerLoad = async (event) => {
	const actor = requireActor(event);
	// An officer's desk is the enforcement list: every case there is theirs, nearest legal deadline first.
	if (!can(actor, 'case.view') && can(actor, 'enforcement.view')) redirect(303, '/enforcement');
	const db = getDb();
	const now = Date.now();
	// 我上报的 is for those who report; anyone else asking for it gets their tasks, as for any unknown view.
	const canReport = can(actor, 'case.report');
	if (canReport && event.url.searchParams.get('view') === 'reported') {
		const reported = await loadReportedList(db, actor, pageNumber(event.url.searchParams.get('page')));
		return { view: 'reported' as const, canReport, reported, items: [], withOrders: false, supervised: [], now };
	}
	const items = await loadWorkList(db, actor);
	// Leadership's desk: the cases they urged that are still open.
	const supervised = can(actor, 'case.supervise')
		? await listTasks(db, viewScope(actor), [...OPEN_STATUSES], { supervisedOnly: true })
		: [];
	const withOrders = can(actor, 'hotline.view') && orderTaskStatuses(actor.role).length > 0;
	return { view: 'tasks' as const, canReport, reported: null, items, withOrders, supervised, now };
};
