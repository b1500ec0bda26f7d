import { describe, expect, it } from 'vitest';
import type { Actor } from './permissions';
import { taskFilter, taskStatuses } from './tasks';

describe('taskStatuses: where each role has work waiting', () => {
	it.each([
		['grid_worker', ['feedback']],
		['handler', ['dispatched', 'handling']],
		['dispatcher', ['reported', 'accepted', 'registered', 'return_requested', 'extension_requested', 'parked', 'checked']],
		['enforcer', []],
		['leader', []],
		['admin', []]
	] as const)('%s', (role, expected) => {
		expect(taskStatuses(role)).toEqual(expected);
	});
});

describe('taskFilter: which of the cases in view are the person\'s own', () => {
	const actor = (a: Partial<Actor>): Actor => ({ id: 7, role: 'dispatcher', departmentId: null, areaId: null, communityId: null, ...a });
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
