// The clocks of a 12345 order: its 办结 deadline, the 先行联系 window, 重办, and the yellow instant.
import { computeDeadline, warningInstant, type Limit, type LimitUnit } from './deadlines';
import type { HotlineState } from './hotline-state';
import type { WorkCalendar } from './working-days';

/** Fixed 12345 limits, set by the city platform (categories.json carries them as firstContactLimit / redoLimit). */
export const HOTLINE_LIMITS = {
	firstContact: { value: 1, unit: 'wd' }, // 先行联系: 1 wd after 签收
	redo: { value: 3, unit: 'wd' }, // 重办 after 不满意
	supervise: { value: 3, unit: 'wd' }, // 督办件
	extensionCap: { value: 15, unit: 'wd' } // 延期: at most 15 wd after the day of receipt, in all
} as const satisfies Record<string, Limit>;

/** Which clock the current step runs on. */
export type HotlineStep = 'first_contact' | 'deadline' | 'redo';

type StepFields = Pick<HotlineState, 'status' | 'resumeStatus' | 'contactOutcome'>;
type ClockFields = Pick<HotlineState, 'firstContactDueAt' | 'deadlineAt' | 'redoDeadlineAt'>;

export function hotlineStep(s: StepFields): HotlineStep | null {
	switch (s.status) {
		case 'received':
		case 'assigned':
			// No limit of its own: the order's 办结 deadline is what runs.
			return 'deadline';
		case 'handling':
			return s.contactOutcome === null ? 'first_contact' : 'deadline';
		case 'redo':
			return 'redo';
		case 'return_requested':
		case 'extension_requested':
			// GridCase rule: a pending request shows the deadline it would resume to (重办's own when from redo).
			return s.resumeStatus === 'redo' ? 'redo' : 'deadline';
		case 'replied':
		case 'completed':
		case 'returned':
			return null;
	}
}

function stepDeadline(s: ClockFields, step: HotlineStep | null): number | null {
	if (step === 'first_contact') return s.firstContactDueAt;
	if (step === 'redo') return s.redoDeadlineAt;
	return step === 'deadline' ? s.deadlineAt : null;
}

/** When the current step is due, for "due soon" and the countdown; null where no clock runs. */
export function hotlineStageDeadline(s: StepFields & ClockFields): number | null {
	return stepDeadline(s, hotlineStep(s));
}

/**
 * The yellow (75 %) instant of the step `next` is in. Kept as it was while the step and its due
 * instant stay the same; otherwise counted from the step's start: 签收 for 先行联系, receipt for the
 * 办结 deadline, and `now` for a 重办 clock or a deadline just moved by 督办/延期 (a new window).
 */
export function hotlineWarnAt(
	prev: HotlineState,
	next: HotlineState,
	ctx: { now: number; calendar: WorkCalendar; deadlineMoved: boolean }
): number | null {
	const step = hotlineStep(next);
	const due = stepDeadline(next, step);
	if (step === null || due === null) return null;
	const prevStep = hotlineStep(prev);
	if (!ctx.deadlineMoved && step === prevStep && due === stepDeadline(prev, prevStep)) return prev.warnAt;
	const start =
		step === 'first_contact'
			? (next.signedAt ?? ctx.now)
			: step === 'deadline' && !ctx.deadlineMoved
				? next.receivedAt
				: ctx.now;
	const unit: LimitUnit = step === 'deadline' ? next.orderLimit.unit : 'wd';
	return warningInstant(start, due, unit, ctx.calendar);
}

/** The first state of an order pushed down to the street: its 办结 clock starts at 派单 (receipt). */
export function openHotlineOrder(
	input: { receivedAt: number; orderLimit: Limit; hasPhone: boolean; dueAt?: number | null },
	cal: WorkCalendar
): HotlineState {
	// N wd after the day of receipt, on the official calendar; the city's own 截止时间 when it sent one.
	const deadlineAt = input.dueAt ?? computeDeadline(input.receivedAt, input.orderLimit, cal);
	return {
		status: 'received',
		resumeStatus: null,
		orderLimit: input.orderLimit,
		receivedAt: input.receivedAt,
		departmentId: null,
		assignedAt: null,
		signedAt: null,
		firstContactDueAt: null,
		firstContactAt: null,
		contactOutcome: null,
		contactMethod: null,
		deadlineAt,
		warnAt: warningInstant(input.receivedAt, deadlineAt, input.orderLimit.unit, cal),
		requestedDeadlineAt: null,
		firstReplyAt: null,
		lastReplyAt: null,
		replyResolved: null,
		redoDeadlineAt: null,
		redoCount: 0,
		returnApprovedAt: null,
		supervisedAt: null,
		satisfaction: null,
		completedAt: null,
		hasPhone: input.hasPhone
	};
}
