import { CASE_STATUSES, type CaseStatus } from './case-status';
import { actionsInState } from './case-workflow';
import { ROLE_CAPABILITIES, type Role } from './permissions';

/**
 * The statuses in which a role has work to do ("my tasks"): where one of its capabilities is an
 * allowed action. 督办 is left out: it applies to every open case and is not a task by itself.
 */
export function taskStatuses(role: Role): CaseStatus[] {
	const caps = ROLE_CAPABILITIES[role];
	return CASE_STATUSES.filter((s) => actionsInState(s).some((a) => a !== 'supervise' && caps.has(a)));
}
