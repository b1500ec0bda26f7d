import { m } from '$lib/paraglide/messages';
import { error } from '@sveltejs/kit';
import { hasEnforcementCapability } from '$lib/domain/enforcement-permissions';
import { OPEN_ENFORCEMENT_STATUSES, type EnforcementStatus } from '$lib/domain/enforcement-status';
import { requireActor } from '$lib/server/auth/guards';
import { getDb } from '$lib/server/db';
import { listAlerts } from '$lib/server/repositories/alert-queue';
import { listEnforcementCases } from '$lib/server/repositories/enforcement';
import { ENFORCEMENT_TRACK } from '$lib/domain/alert-review';
import type { PageServerLoad } from './$types';

const VIEWS: Record<string, EnforcementStatus[] | undefined> = { open: [...OPEN_ENFORCEMENT_STATUSES], closed: ['closed', 'cancelled'], all: undefined };

/** 执法案件: each case with the legal clock it is on now; the nearest deadline first. */
export const load: PageServerLoad = async (event) => {
	const actor = requireActor(event);
	if (!hasEnforcementCapability(actor, 'view')) error(403, m.err_forbidden());
	const p = event.url.searchParams;
	const view = p.get('view') && p.get('view')! in VIEWS ? p.get('view')! : 'open';
	const page = Math.max(1, Math.min(10_000, Number(p.get('page')) || 1));
	const q = (p.get('q') ?? '').trim().slice(0, 100);
	const overdue = p.get('overdue') === '1';
	const now = Date.now();
	const db = getDb();
	const list = await listEnforcementCases(db, { status: VIEWS[view], overdue, q, page }, now);
	const pendingAlerts = hasEnforcementCapability(actor, 'review_alerts') ? (await listAlerts(db, { status: 'pending', track: ENFORCEMENT_TRACK, page: 1 })).total : 0;
	return { ...list, filters: { view, q, overdue }, pendingAlerts, now };
};
