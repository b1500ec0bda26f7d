import { OPEN_ENFORCEMENT_STATUSES, type EnforcementStatus } from '$lib/domain/enforcement-status';
import { getDb } from '$lib/server/db';
import { listAlerts } from '$lib/server/repositories/alert-queue';
import { listEnforcementCases } from '$lib/server/repositories/enforcement';
import { ENFORCEMENT_TRACK } from '$lib/domain/alert-review';
import type { PageServerLoad } from './$types';
import { can } from '$lib/domain/access';
import { requireCan } from '$lib/server/auth/gate';

const VIEWS: Record<string, EnforcementStatus[] | undefined> = {
	open: [...OPEN_ENFORCEMENT_STATUSES],
	closed: ['closed', 'cancelled'],
	all: undefined
};

/** 执法案件: each case with the legal clock it is on now; the nearest deadline first. */
export const load: PageServerLoad = async (event) => {
	const actor = requireCan(event, 'enforcement.view');
	const p = event.url.searchParams;
	const view = p.get('view') && p.get('view')! in VIEWS ? p.get('view')! : 'open';
	const page = Math.max(1, Math.min(10_000, Number(p.get('page')) || 1));
	const q = (p.get('q') ?? '').trim().slice(0, 100);
	const overdue = p.get('overdue') === '1';
	const now = Date.now();
	const db = getDb();
	const list = await listEnforcementCases(db, { status: VIEWS[view], overdue, q, page }, now);
	const pendingAlerts = can(actor, 'alerts.review')
		? (await listAlerts(db, { status: 'pending', track: ENFORCEMENT_TRACK, page: 1 })).total
		: 0;
	return { ...list, filters: { view, q, overdue }, pendingAlerts, now };
};
