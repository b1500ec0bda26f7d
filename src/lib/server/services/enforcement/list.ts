// 执法案件 list: each case with the legal clock it is on now, and how many alerts wait for review.
import { ENFORCEMENT_TRACK } from '$lib/domain/alert-review';
import { can, type Actor } from '$lib/domain/access';
import { OPEN_ENFORCEMENT_STATUSES, type EnforcementStatus } from '$lib/domain/enforcement-status';
import type { Db } from '../../db/create-database';
import { listAlerts } from '../../repositories/alert-queue';
import { listEnforcementCases } from '../../repositories/enforcement';

const VIEWS = {
	open: [...OPEN_ENFORCEMENT_STATUSES],
	closed: ['closed', 'cancelled'],
	all: undefined
} satisfies Record<string, EnforcementStatus[] | undefined>;
export type EnforcementView = keyof typeof VIEWS;
export const isEnforcementView = (s: string): s is EnforcementView => Object.hasOwn(VIEWS, s);

export interface EnforcementListQuery {
	view: EnforcementView;
	q: string;
	overdue: boolean;
	page: number;
}

export async function loadEnforcementList(db: Db, actor: Actor, f: EnforcementListQuery, now: number) {
	const list = await listEnforcementCases(db, { status: VIEWS[f.view], overdue: f.overdue, q: f.q, page: f.page }, now);
	const pendingAlerts = can(actor, 'alerts.review')
		? (await listAlerts(db, { status: 'pending', track: ENFORCEMENT_TRACK, page: 1 })).total
		: 0;
	return { ...list, filters: { view: f.view, q: f.q, overdue: f.overdue }, pendingAlerts, now };
}
