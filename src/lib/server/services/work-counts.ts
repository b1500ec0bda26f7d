import { taskFilter } from '$lib/domain/tasks';
import { combineWork, countPlan, statusesOf, tallyWork, type WorkCounts } from '$lib/domain/work-counts';
import type { Db } from '../db/create-database';
import { countTasksByStatus } from '../repositories/cases';
import { countOrdersByStatus } from '../repositories/hotline-order-lists';
import { viewScope, type Actor, can } from '$lib/domain/access';

/** What is waiting on this person now (待办, 超期, 临期); null when the role has no work list of its own. */
export async function countWork(db: Db, actor: Actor, now: number): Promise<WorkCounts | null> {
	const plan = countPlan(actor.role);
	if (!plan) return null;
	// The orders a person may not open are not theirs to count.
	const orderStatuses = can(actor, 'hotline.view') ? statusesOf(plan.newOrders, plan.openOrders) : [];
	const [caseRows, orderRows] = await Promise.all([
		countTasksByStatus(db, viewScope(actor), statusesOf(plan.newCases, plan.openCases), taskFilter(actor), now),
		countOrdersByStatus(db, actor, orderStatuses, now)
	]);
	return combineWork(
		tallyWork(caseRows, plan.newCases, plan.openCases),
		tallyWork(orderRows, plan.newOrders, plan.openOrders)
	);
}
