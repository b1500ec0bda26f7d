// The header's live counts (待办 / 超期): what is waiting on the signed-in person right now. The
// cases are those of "my tasks" (taskStatuses, taskFilter), the 12345 orders those of the hotline
// queues, so a number and the list behind it agree.
import type { CaseStatus } from './case-status';
import type { HotlineStatus } from './hotline-status';
import { taskStatuses } from './tasks';
import type { Role } from './access';

export interface CountPlan {
	/** New work for the role (待办): waiting for it to take the case up. */
	newCases: readonly CaseStatus[];
	/** All cases waiting on the role; 超期 and 临期 are counted among these. */
	openCases: readonly CaseStatus[];
	newOrders: readonly HotlineStatus[];
	openOrders: readonly HotlineStatus[];
}

/** 12345 orders waiting on the 城运中心: 派单 to a department, and 退单/延期 to approve. */
const DISPATCHER_ORDERS: readonly HotlineStatus[] = ['received', 'return_requested', 'extension_requested'];

/** What each role's badge counts; null for roles with no work list of their own (leadership, admin, officers). */
export function countPlan(role: Role): CountPlan | null {
	switch (role) {
		case 'grid_worker':
			// 核查 in the own 居民区: every such case is new work.
			return { newCases: taskStatuses(role), openCases: taskStatuses(role), newOrders: [], openOrders: [] };
		case 'handler':
			// 签收 is the new work; 超期 also counts what is being handled (处置, 先行联系, 答复, 重办).
			return {
				newCases: ['dispatched'],
				openCases: taskStatuses(role),
				newOrders: ['assigned'],
				openOrders: ['assigned', 'handling', 'redo']
			};
		case 'dispatcher':
			// 受理 and the approvals (回退, 延期) are new; 超期 counts every step waiting on the centre.
			return {
				newCases: ['reported', 'return_requested', 'extension_requested'],
				openCases: taskStatuses(role),
				newOrders: DISPATCHER_ORDERS,
				openOrders: DISPATCHER_ORDERS
			};
		default:
			return null;
	}
}

export interface WorkTally {
	todo: number;
	overdue: number;
	dueSoon: number;
}
export interface WorkCounts extends WorkTally {
	cases: WorkTally;
	orders: WorkTally;
}

/** One status's figures as a repository counts them. */
export interface StatusCount {
	status: string;
	n: number;
	overdue: number;
	dueSoon: number;
}

export function tallyWork(
	rows: readonly StatusCount[],
	newStatuses: readonly string[],
	openStatuses: readonly string[]
): WorkTally {
	const tally: WorkTally = { todo: 0, overdue: 0, dueSoon: 0 };
	for (const r of rows) {
		if (newStatuses.includes(r.status)) tally.todo += r.n;
		if (openStatuses.includes(r.status)) {
			tally.overdue += r.overdue;
			tally.dueSoon += r.dueSoon;
		}
	}
	return tally;
}

export function combineWork(cases: WorkTally, orders: WorkTally): WorkCounts {
	return {
		todo: cases.todo + orders.todo,
		overdue: cases.overdue + orders.overdue,
		dueSoon: cases.dueSoon + orders.dueSoon,
		cases,
		orders
	};
}

/** Every status either list reads, once. */
export const statusesOf = <T extends string>(a: readonly T[], b: readonly T[]): T[] => [...new Set([...a, ...b])];
