import type { CaseAction, CaseStatus, ReturnReason, Urgency } from './case-status';
import { stageClock } from './case-stages';
import { computeDeadline, extendForPause } from './deadlines';
import type { Limit } from './deadlines';
import { efficientLimitOf } from './efficient-limit';
import type { WorkCalendar } from './working-days';

/** The fields of a case the workflow reads and may change. */
export interface CaseState {
	status: CaseStatus;
	resumeStatus: CaseStatus | null;
	urgency: Urgency;
	/** The category's handling limit (处置时限); null for special campaigns with no fixed limit. */
	handleLimit: Limit | null;
	/**
	 * The efficient limit in force (高效处置时限): the category's own or the default from
	 * `efficientLimitOf`; null when there is no handling limit.
	 */
	efficientLimit: Limit | null;
	departmentId: number | null;
	dispatchedAt: number | null;
	deadlineAt: number | null;
	/** 高效处置 deadline: set with `deadlineAt` from `efficientLimit`, moved by 挂账, never by 延期. */
	efficientDeadlineAt: number | null;
	stageStartedAt: number;
	stageDeadlineAt: number | null;
	stageWarnAt: number | null;
	parkedAt: number | null;
	requestedDeadlineAt: number | null;
	feedbackAt: number | null;
	closedAt: number | null;
	reworkCount: number;
	supervised: boolean;
}

export type CaseCommand =
	| { action: 'accept'; note?: string }
	| { action: 'void'; reason: string }
	| {
			action: 'register';
			categoryCode: string;
			urgency: Urgency;
			handleLimit: Limit | null;
			/** The category's own efficient limit; null means the default (half the handling limit). */
			efficientLimit: Limit | null;
			note?: string;
	  }
	| { action: 'dispatch'; departmentId: number; note?: string }
	| { action: 'sign'; note?: string }
	| { action: 'feedback'; note: string; photoCount: number }
	| { action: 'request_return'; reasonCode: ReturnReason; note: string }
	| { action: 'approve_return'; note?: string }
	| { action: 'reject_return'; note: string }
	| { action: 'request_extension'; reason: string; proposedDeadline: number }
	| { action: 'approve_extension'; note?: string; approvedDeadline?: number }
	| { action: 'reject_extension'; note: string }
	| { action: 'park'; reason: string }
	| { action: 'unpark'; note?: string }
	| { action: 'check_pass'; note?: string; photoCount: number }
	| { action: 'check_fail'; note: string; photoCount: number }
	| { action: 'close'; note?: string }
	| { action: 'supervise'; note: string };

export type Rejection =
	| 'not_allowed_in_state'
	| 'reason_required'
	| 'photo_required'
	| 'deadline_not_later'
	| 'deadline_in_past'
	| 'required';

/** The event to append: what happened, from → to, with a note and structured payload. */
export interface CaseEventDraft {
	action: CaseAction | 'report' | 'self_handle';
	from: CaseStatus | null;
	to: CaseStatus;
	note: string | null;
	payload: Record<string, unknown>;
}

export type TransitionResult =
	| { ok: true; next: CaseStatus; changes: Partial<CaseState> & { categoryCode?: string }; event: CaseEventDraft }
	| { ok: false; reason: Rejection };

export interface WorkflowContext {
	now: number;
	calendar: WorkCalendar;
}

/** Which statuses each action may start from. Everything not listed is refused. */
export const TRANSITIONS: Readonly<Record<CaseAction, readonly CaseStatus[]>> = {
	accept: ['reported'],
	void: ['reported', 'accepted', 'registered'],
	register: ['accepted'],
	dispatch: ['registered'],
	sign: ['dispatched'],
	feedback: ['handling'],
	request_return: ['dispatched', 'handling'],
	approve_return: ['return_requested'],
	reject_return: ['return_requested'],
	request_extension: ['handling'],
	approve_extension: ['extension_requested'],
	reject_extension: ['extension_requested'],
	park: ['dispatched', 'handling'],
	unpark: ['parked'],
	check_pass: ['feedback'],
	check_fail: ['feedback'],
	close: ['checked'],
	supervise: [
		'reported',
		'accepted',
		'registered',
		'dispatched',
		'handling',
		'return_requested',
		'extension_requested',
		'parked',
		'feedback',
		'checked'
	]
};

export function isAllowedInState(action: CaseAction, status: CaseStatus): boolean {
	return TRANSITIONS[action].includes(status);
}

/** The actions whose start state matches: what the case page may offer before the role filter. */
export function actionsInState(status: CaseStatus): CaseAction[] {
	return (Object.keys(TRANSITIONS) as CaseAction[]).filter((a) => TRANSITIONS[a].includes(status));
}

const reject = (reason: Rejection): TransitionResult => ({ ok: false, reason });
const blank = (s: string | undefined | null) => !s || s.trim() === '';
const clean = (s: string | undefined | null) => (blank(s) ? null : s!.trim());

/**
 * The grid-flow state machine: (state, command, context) → next state and the changes to persist,
 * or a rejection. Pure: the caller supplies `now` and the calendar, and persists the result.
 */
export function applyCaseCommand(state: CaseState, cmd: CaseCommand, ctx: WorkflowContext): TransitionResult {
	const from = state.status;
	if (!isAllowedInState(cmd.action, from)) return reject('not_allowed_in_state');
	const { now, calendar } = ctx;
	const moveTo = (
		next: CaseStatus,
		changes: Partial<CaseState> & { categoryCode?: string },
		note: string | null,
		payload: Record<string, unknown> = {}
	): TransitionResult => {
		const merged = { ...state, ...changes, status: next };
		// Every move to another status starts a new step; staying put (督办) keeps the running one.
		const stageChanges =
			next === from && !('stageStartedAt' in changes) ? {} : { stageStartedAt: changes.stageStartedAt ?? now };
		const startedAt = stageChanges.stageStartedAt ?? state.stageStartedAt;
		const clock = stageClock(next, startedAt, merged, calendar);
		return {
			ok: true,
			next,
			changes: { ...changes, ...stageChanges, status: next, ...clock },
			event: { action: cmd.action, from, to: next, note, payload }
		};
	};

	switch (cmd.action) {
		case 'accept':
			return moveTo('accepted', {}, clean(cmd.note));
		case 'void':
			if (blank(cmd.reason)) return reject('reason_required');
			return moveTo('void', { closedAt: now }, clean(cmd.reason));
		case 'register':
			return moveTo(
				'registered',
				{
					categoryCode: cmd.categoryCode,
					urgency: cmd.urgency,
					handleLimit: cmd.handleLimit,
					efficientLimit: efficientLimitOf(cmd.handleLimit, cmd.efficientLimit)
				},
				clean(cmd.note),
				{ categoryCode: cmd.categoryCode, urgency: cmd.urgency }
			);
		case 'dispatch': {
			// The handling clock starts at 派遣 (also at 改派 after an approved 回退).
			const deadlineAt = state.handleLimit ? computeDeadline(now, state.handleLimit, calendar) : null;
			const efficientDeadlineAt = state.efficientLimit ? computeDeadline(now, state.efficientLimit, calendar) : null;
			return moveTo(
				'dispatched',
				{ departmentId: cmd.departmentId, dispatchedAt: now, deadlineAt, efficientDeadlineAt },
				clean(cmd.note),
				{
					departmentId: cmd.departmentId,
					deadlineAt
				}
			);
		}
		case 'sign':
			// The handling countdown runs from 派遣, so the 处置 stage starts there.
			return moveTo('handling', { stageStartedAt: state.dispatchedAt ?? now }, clean(cmd.note));
		case 'feedback':
			if (blank(cmd.note)) return reject('reason_required');
			if (cmd.photoCount < 1) return reject('photo_required');
			return moveTo('feedback', { feedbackAt: now }, clean(cmd.note), {
				onTime: state.deadlineAt === null || now <= state.deadlineAt
			});
		case 'request_return':
			if (blank(cmd.note)) return reject('reason_required');
			return moveTo('return_requested', { resumeStatus: from }, clean(cmd.note), { reasonCode: cmd.reasonCode });
		case 'approve_return':
			// Back to the dispatcher for 改派; the old department lets go of the case.
			return moveTo(
				'registered',
				{ resumeStatus: null, departmentId: null, dispatchedAt: null, deadlineAt: null, efficientDeadlineAt: null },
				clean(cmd.note)
			);
		case 'reject_return':
		case 'reject_extension':
			if (blank(cmd.note)) return reject('reason_required');
			return resume(state, moveTo, clean(cmd.note), { requestedDeadlineAt: null });
		case 'request_extension':
			if (blank(cmd.reason)) return reject('reason_required');
			if (cmd.proposedDeadline <= now) return reject('deadline_in_past');
			if (state.deadlineAt !== null && cmd.proposedDeadline <= state.deadlineAt) return reject('deadline_not_later');
			return moveTo(
				'extension_requested',
				{ resumeStatus: from, requestedDeadlineAt: cmd.proposedDeadline },
				clean(cmd.reason),
				{
					proposedDeadline: cmd.proposedDeadline,
					previousDeadline: state.deadlineAt
				}
			);
		case 'approve_extension': {
			// The dispatcher approves the date asked for or sets another (the asked one may have passed
			// while the request waited): never a date already missed, never one before the current deadline.
			// Only the handling deadline moves: 高效处置 is judged against the original efficient limit.
			const approved = cmd.approvedDeadline ?? state.requestedDeadlineAt;
			if (approved === null) return reject('required');
			if (approved <= now) return reject('deadline_in_past');
			if (state.deadlineAt !== null && approved <= state.deadlineAt) return reject('deadline_not_later');
			return resume(
				state,
				moveTo,
				clean(cmd.note),
				{ deadlineAt: approved, requestedDeadlineAt: null },
				{
					previousDeadline: state.deadlineAt,
					requestedDeadline: state.requestedDeadlineAt,
					deadlineAt: approved
				}
			);
		}
		case 'park':
			if (blank(cmd.reason)) return reject('reason_required');
			return moveTo('parked', { resumeStatus: from, parkedAt: now }, clean(cmd.reason));
		case 'unpark': {
			// 挂账 stops the clock: the paused time is added back in the limit's own unit.
			const extend = (deadline: number | null, limit: Limit | null) =>
				deadline !== null && state.parkedAt !== null
					? extendForPause(deadline, state.parkedAt, now, limit?.unit ?? 'h24', calendar)
					: deadline;
			const deadlineAt = extend(state.deadlineAt, state.handleLimit);
			const efficientDeadlineAt = extend(state.efficientDeadlineAt, state.efficientLimit);
			return resume(
				state,
				moveTo,
				clean(cmd.note),
				{ deadlineAt, efficientDeadlineAt, parkedAt: null },
				{ previousDeadline: state.deadlineAt, deadlineAt }
			);
		}
		case 'check_pass':
			if (cmd.photoCount < 1) return reject('photo_required');
			return moveTo('checked', {}, clean(cmd.note));
		case 'check_fail': {
			if (blank(cmd.note)) return reject('reason_required');
			if (cmd.photoCount < 1) return reject('photo_required');
			// 返工: back to the department; a self-handled case has none, so it goes to the dispatcher.
			const next: CaseStatus = state.departmentId === null ? 'registered' : 'handling';
			// 处置 keeps counting from 派遣; the dispatcher's 派遣 step starts now, when the case reaches them.
			const stageStartedAt = next === 'handling' ? (state.dispatchedAt ?? now) : now;
			return moveTo(next, { reworkCount: state.reworkCount + 1, feedbackAt: null, stageStartedAt }, clean(cmd.note));
		}
		case 'close':
			return moveTo('closed', { closedAt: now }, clean(cmd.note));
		case 'supervise':
			if (blank(cmd.note)) return reject('reason_required');
			return moveTo(from, { supervised: true }, clean(cmd.note));
	}
}

type MoveTo = (
	next: CaseStatus,
	changes: Partial<CaseState>,
	note: string | null,
	payload?: Record<string, unknown>
) => TransitionResult;

/** Ends a pending request or a pause: back to the status the case came from. */
function resume(
	state: CaseState,
	moveTo: MoveTo,
	note: string | null,
	changes: Partial<CaseState>,
	payload: Record<string, unknown> = {}
) {
	const back = state.resumeStatus ?? 'handling';
	// 处置 keeps counting from 派遣; a case still waiting for 签收 gets a fresh signing window.
	const stageStartedAt = back === 'handling' ? (state.dispatchedAt ?? state.stageStartedAt) : undefined;
	return moveTo(
		back,
		{ ...changes, resumeStatus: null, ...(stageStartedAt === undefined ? {} : { stageStartedAt }) },
		note,
		payload
	);
}
