import { describe, expect, it } from 'vitest';
import { taskStatuses } from './tasks';
import { combineWork, countPlan, statusesOf, tallyWork } from './work-counts';
import { ROLES } from './access';

describe('countPlan: what the header badge counts for each role', () => {
	it('a grid worker: the cases waiting for 核查', () => {
		expect(countPlan('grid_worker')).toEqual({
			newCases: ['feedback'],
			openCases: ['feedback'],
			newOrders: [],
			openOrders: []
		});
	});
	it('a handler: 签收 is new; overdue also counts what is being handled, cases and orders', () => {
		expect(countPlan('handler')).toEqual({
			newCases: ['dispatched'],
			openCases: ['dispatched', 'handling'],
			newOrders: ['assigned'],
			openOrders: ['assigned', 'handling', 'redo']
		});
	});
	it('the dispatcher: 受理, the approvals and the orders to assign are new', () => {
		const plan = countPlan('dispatcher')!;
		expect(plan.newCases).toEqual(['reported', 'return_requested', 'extension_requested']);
		expect(plan.openCases).toEqual(taskStatuses('dispatcher'));
		expect(plan.newOrders).toEqual(['received', 'return_requested', 'extension_requested']);
	});
	it.each(['leader', 'admin', 'enforcer'] as const)('%s has no work list of their own', (role) => {
		expect(countPlan(role)).toBeNull();
	});
	it('new work is always among the open work, and the open cases are those of "my tasks"', () => {
		for (const role of ROLES) {
			const plan = countPlan(role);
			if (!plan) continue;
			expect(plan.newCases.every((s) => plan.openCases.includes(s))).toBe(true);
			expect(plan.newOrders.every((s) => plan.openOrders.includes(s))).toBe(true);
			expect(plan.openCases.every((s) => taskStatuses(role).includes(s))).toBe(true);
		}
	});
});

describe('tallyWork', () => {
	const rows = [
		{ status: 'dispatched', n: 3, overdue: 1, dueSoon: 1 },
		{ status: 'handling', n: 5, overdue: 2, dueSoon: 0 },
		{ status: 'feedback', n: 7, overdue: 4, dueSoon: 4 }
	];
	it('counts new work from the new statuses and overdue / due soon from the open ones', () => {
		expect(tallyWork(rows, ['dispatched'], ['dispatched', 'handling'])).toEqual({ todo: 3, overdue: 3, dueSoon: 1 });
	});
	it('nothing counted gives zeros', () => {
		expect(tallyWork([], ['dispatched'], ['dispatched'])).toEqual({ todo: 0, overdue: 0, dueSoon: 0 });
	});
	it('cases and orders add up, each kept apart too', () => {
		const cases = { todo: 2, overdue: 1, dueSoon: 0 };
		const orders = { todo: 1, overdue: 0, dueSoon: 3 };
		expect(combineWork(cases, orders)).toEqual({ todo: 3, overdue: 1, dueSoon: 3, cases, orders });
	});
	it('statusesOf reads each status once', () => {
		expect(statusesOf(['a', 'b'], ['b', 'c'])).toEqual(['a', 'b', 'c']);
	});
});
