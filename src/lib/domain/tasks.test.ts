import { describe, expect, it } from 'vitest';
import { HOTLINE_STATUSES } from './hotline-status';
import { hotlineActionsInState } from './hotline-workflow';
import { ORDER_WAITS_ON, orderTaskStatuses, taskFilter, taskStatuses } from './tasks';
import { roleMay, ROLES, type Actor } from './access';

describe('taskStatuses: where each role has work waiting', () => {
	it.each([
		['grid_worker', ['feedback']],
		['handler', ['dispatched', 'handling']],
		[
			'dispatcher',
			['reported', 'accepted', 'registered', 'return_requested', 'extension_requested', 'parked', 'checked']
		],
		['enforcer', []],
		['leader', []],
		['admin', []]
	] as const)('%s', (role, expected) => {
		expect(taskStatuses(role)).toEqual(expected);
	});
});

describe('orderTaskStatuses: the 12345 orders waiting on each role', () => {
	it.each([
		['handler', ['assigned', 'handling', 'redo']], // 签收, 先行联系 and 答复, 重办
		['dispatcher', ['received', 'return_requested', 'extension_requested', 'replied']], // 派单, approvals, 回访
		['grid_worker', []],
		['enforcer', []],
		['leader', []], // 督办 is discretionary
		['admin', []]
	] as const)('%s', (role, expected) => {
		expect(orderTaskStatuses(role)).toEqual(expected);
	});

	it('an order waits on a role only where that role may act on it, and a finished order on no one', () => {
		for (const status of HOTLINE_STATUSES) {
			const role = ORDER_WAITS_ON[status];
			const actions = hotlineActionsInState(status).filter((a) => a !== 'supervise');
			if (role === null) expect([status, actions]).toEqual([status, []]);
			else expect([status, actions.some((a) => roleMay(role, `hotline.${a}`))]).toEqual([status, true]);
		}
	});

	it('every open status waits on exactly one role', () => {
		const open = HOTLINE_STATUSES.filter((s) => s !== 'completed' && s !== 'returned');
		expect(open.flatMap((s) => ROLES.filter((r) => orderTaskStatuses(r).includes(s)).map(() => s))).toEqual(open);
	});
});

describe("taskFilter: which of the cases in view are the person's own", () => {
	const actor = (a: Partial<Actor>): Actor => ({
		id: 7,
		role: 'dispatcher',
		departmentId: null,
		areaId: null,
		communityId: null,
		...a
	});
	it('a handler: the own department; none without one', () => {
		expect(taskFilter(actor({ role: 'handler', departmentId: 3 }))).toEqual({ departmentId: 3 });
		expect(taskFilter(actor({ role: 'handler' }))).toEqual({ departmentId: -1 });
	});
	it('a grid worker: the own 居民区, never a case they handled', () => {
		expect(taskFilter(actor({ role: 'grid_worker', communityId: 12 }))).toEqual({ communityId: 12, notHandlerId: 7 });
	});
	it('the dispatcher: every case in view', () => {
		expect(taskFilter(actor({}))).toEqual({});
	});
});
