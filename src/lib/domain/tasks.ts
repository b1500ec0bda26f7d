import { CASE_STATUSES, type CaseStatus } from './case-status';
import { actionsInState } from './case-workflow';
import { HOTLINE_STATUSES, type HotlineStatus } from './hotline-status';
import { roleMay, type Actor, type Role } from './access';

/**
 * The statuses in which a role has work to do ("my tasks"): where one of its capabilities is an
 * allowed action. 督办 and 挂账 are left out: they are discretionary on cases that wait on someone
 * else, not work the case is waiting for.
 */
const DISCRETIONARY = new Set(['supervise', 'park']);

export function taskStatuses(role: Role): CaseStatus[] {
	return CASE_STATUSES.filter((s) =>
		actionsInState(s).some((a) => !DISCRETIONARY.has(a) && roleMay(role, `case.${a}`))
	);
}

/**
 * Whom a 12345 order waits on in each status, as the /hotline queues divide the work: the
 * dispatcher 派单, decides a 退单 or 延期 request and makes the 回访; the assigned department 签收,
 * makes 先行联系, 答复 and 重办. Said outright rather than derived from the capabilities: 改派,
 * 督办 and a handler's own 退单/延期 request are allowed in more statuses than wait on them.
 */
export const ORDER_WAITS_ON: Readonly<Record<HotlineStatus, Role | null>> = {
	received: 'dispatcher',
	assigned: 'handler',
	handling: 'handler',
	return_requested: 'dispatcher',
	extension_requested: 'dispatcher',
	replied: 'dispatcher',
	redo: 'handler',
	completed: null,
	returned: null
};

/** The 12345 order statuses in which a role has work waiting. */
export function orderTaskStatuses(role: Role): HotlineStatus[] {
	return HOTLINE_STATUSES.filter((s) => ORDER_WAITS_ON[s] === role);
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
