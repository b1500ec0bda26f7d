import { computeDeadline, warningInstant, type Limit } from './deadlines';
import type { CaseStatus, Urgency } from './case-status';
import type { WorkCalendar } from './working-days';

/** Step limits of the closed loop (GridCase rules, README "Rules chosen where the references are silent"); handling limits come from the category. */
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

/** The limit of the current step: a fixed step limit, the category's handling limit, or none. */
function stageLimit(status: CaseStatus, urgency: Urgency): Limit | 'handling' | null {
	switch (status) {
		case 'reported':
			return STAGE_LIMITS.accept;
		case 'accepted':
			return STAGE_LIMITS.register;
		case 'registered':
			return STAGE_LIMITS.dispatch;
		case 'dispatched':
			return urgency === '紧急' ? STAGE_LIMITS.signUrgent : STAGE_LIMITS.sign;
		case 'handling':
			return 'handling';
		case 'return_requested':
		case 'extension_requested':
			return STAGE_LIMITS.decide;
		case 'feedback':
			return STAGE_LIMITS.check;
		case 'checked':
			return STAGE_LIMITS.close;
		case 'parked':
		case 'closed':
		case 'void':
			return null;
	}
}

export interface StageClock {
	/** When the current step is due: the countdown on "my tasks". Null where no clock runs. */
	stageDeadlineAt: number | null;
	/** When 75 % of the step's time is used (yellow badge), in the limit's own unit. */
	stageWarnAt: number | null;
}

export function stageClock(
	status: CaseStatus,
	startedAt: number,
	c: { urgency: Urgency; deadlineAt: number | null; handleLimit: Limit | null },
	cal: WorkCalendar
): StageClock {
	const limit = stageLimit(status, c.urgency);
	if (limit === null) return { stageDeadlineAt: null, stageWarnAt: null };
	if (limit === 'handling') {
		// 处置 runs to the case deadline (moved by 延期 and 挂账), in the category's unit.
		if (c.deadlineAt === null) return { stageDeadlineAt: null, stageWarnAt: null };
		return {
			stageDeadlineAt: c.deadlineAt,
			stageWarnAt: warningInstant(startedAt, c.deadlineAt, c.handleLimit?.unit ?? 'h24', cal)
		};
	}
	const due = computeDeadline(startedAt, limit, cal);
	return { stageDeadlineAt: due, stageWarnAt: warningInstant(startedAt, due, limit.unit, cal) };
}

/** When the current step of a case is due; null where no clock runs. */
export function stageDeadline(
	status: CaseStatus,
	startedAt: number,
	c: { urgency: Urgency; deadlineAt: number | null },
	cal: WorkCalendar
): number | null {
	return stageClock(status, startedAt, { ...c, handleLimit: null }, cal).stageDeadlineAt;
}
