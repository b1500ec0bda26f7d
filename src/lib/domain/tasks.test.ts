import { describe, expect, it } from 'vitest';
import { taskStatuses } from './tasks';

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
