import { CASE_STATUSES, type CaseStatus } from './case-status';
import { actionsInState } from './case-workflow';
import { ROLE_CAPABILITIES, type Actor, type Role } from './permissions';

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

/** Which of the cases in view are this person's to act on, beyond the status (the /tasks list, the header's counts). */
export interface TaskFilter {
	departmentId?: number;
	communityId?: number;
	/** 核查 is never by the one who handled the case. */
	notHandlerId?: number;
	supervisedOnly?: boolean;
}

export function taskFilter(actor: Actor): TaskFilter {
	switch (actor.role) {
		case 'handler':
			return { departmentId: actor.departmentId ?? -1 };
		case 'grid_worker':
			return { communityId: actor.communityId ?? -1, notHandlerId: actor.id };
		default:
			return {};
	}
}
