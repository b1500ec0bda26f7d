import { CASE_STATUSES, type CaseStatus } from './case-status';
import { actionsInState } from './case-workflow';
import { ROLE_CAPABILITIES, type Role } from './permissions';

/**
 * The statuses in which a role has work to do ("my tasks"): where one of its capabilities is an
 * allowed action. 督办 and 挂账 are left out: they are discretionary on cases that wait on someone
 * else, not work the case is waiting for.
 */
const DISCRETIONARY = new Set(['supervise', 'park']);

export function taskStatuses(role: Role): CaseStatus[] {
	const caps = ROLE_CAPABILITIES[role];
	return CASE_STATUSES.filter((s) => actionsInState(s).some((a) => !DISCRETIONARY.has(a) && caps.has(a)));
}
