import { computeDeadline, type Limit } from './deadlines';
import type { CaseStatus, Urgency } from './case-status';
import type { WorkCalendar } from './working-days';

/** Step limits of the closed loop (GridCase rule, domain README §2); handling limits come from the category. */
export const STAGE_LIMITS = {
	accept: { value: 0.5, unit: 'wh' }, // 受理/核实
	register: { value: 0.5, unit: 'wh' }, // 立案
	dispatch: { value: 0.5, unit: 'wh' }, // 派遣
	sign: { value: 1, unit: 'wh' }, // 签收
	signUrgent: { value: 0.25, unit: 'h24' }, // 紧急签收: 15 natural minutes
	decide: { value: 1, unit: 'wh' }, // dispatcher decides a 回退/延期 request
	check: { value: 2, unit: 'wh' }, // 核查
	close: { value: 0.5, unit: 'wh' } // 结案
} as const satisfies Record<string, Limit>;

/** When the current step of a case is due: the countdown on "my tasks". Null where no clock runs. */
export function stageDeadline(
	status: CaseStatus,
	startedAt: number,
	c: { urgency: Urgency; deadlineAt: number | null },
	cal: WorkCalendar
): number | null {
	const due = (limit: Limit) => computeDeadline(startedAt, limit, cal);
	switch (status) {
		case 'reported':
			return due(STAGE_LIMITS.accept);
		case 'accepted':
			return due(STAGE_LIMITS.register);
		case 'registered':
			return due(STAGE_LIMITS.dispatch);
		case 'dispatched':
			return due(c.urgency === '紧急' ? STAGE_LIMITS.signUrgent : STAGE_LIMITS.sign);
		case 'handling':
			return c.deadlineAt;
		case 'return_requested':
		case 'extension_requested':
			return due(STAGE_LIMITS.decide);
		case 'feedback':
			return due(STAGE_LIMITS.check);
		case 'checked':
			return due(STAGE_LIMITS.close);
		case 'parked':
		case 'closed':
		case 'void':
			return null;
	}
}
