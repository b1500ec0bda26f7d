// One handler per grid-case command: each checks its command's own input and states the step it
// takes (next status, changes, event). The state machine in case-workflow.ts has already checked
// that the action is allowed in the case's status.
import type { CaseAction, CaseStatus } from './case-status';
import { stageClock } from './case-stages';
import type { CaseCommand, CaseState, Rejection, TransitionResult, WorkflowContext } from './case-state';
import { computeDeadline, extendForPause, type Limit } from './deadlines';
import { efficientLimitOf } from './efficient-limit';
import type { WorkCalendar } from './working-days';

export const reject = (reason: Rejection): TransitionResult => ({ ok: false, reason });
const blank = (s: string | undefined | null) => !s || s.trim() === '';
const clean = (s: string | undefined | null) => (blank(s) ? null : s!.trim());

/** What every command handler is given: the case as it stands and how to state the step it takes. */
interface CaseStep {
	state: CaseState;
	now: number;
	calendar: WorkCalendar;
	/** The result of a step to `next`, with the clock of the stage the case is then in. */
	moveTo(
		next: CaseStatus,
		changes: Partial<CaseState> & { categoryCode?: string },
		note: string | null,
		payload?: Record<string, unknown>
	): TransitionResult;
	/** Ends a pending request or a pause: back to the status the case came from. */
	resume(note: string | null, changes: Partial<CaseState>, payload?: Record<string, unknown>): TransitionResult;
}

export function stepFrom(state: CaseState, action: CaseAction, { now, calendar }: WorkflowContext): CaseStep {
	const from = state.status;
	const moveTo: CaseStep['moveTo'] = (next, changes, note, payload = {}) => {
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
			event: { action, from, to: next, note, payload }
		};
	};
	const resume: CaseStep['resume'] = (note, changes, payload = {}) => {
		const back = state.resumeStatus ?? 'handling';
		// 处置 keeps counting from 派遣; a case still waiting for 签收 gets a fresh signing window.
		const stageStartedAt = back === 'handling' ? (state.dispatchedAt ?? state.stageStartedAt) : undefined;
		return moveTo(
			back,
			{ ...changes, resumeStatus: null, ...(stageStartedAt === undefined ? {} : { stageStartedAt }) },
			note,
			payload
		);
	};
	return { state, now, calendar, moveTo, resume };
}

type CommandOf<A extends CaseAction> = Extract<CaseCommand, { action: A }>;
export type Handler<A extends CaseAction> = (step: CaseStep, cmd: CommandOf<A>) => TransitionResult;

const register: Handler<'register'> = ({ moveTo }, cmd) =>
	moveTo(
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

const dispatch: Handler<'dispatch'> = ({ state, now, calendar, moveTo }, cmd) => {
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
};

const feedback: Handler<'feedback'> = ({ state, now, moveTo }, cmd) => {
	if (blank(cmd.note)) return reject('reason_required');
	if (cmd.photoCount < 1) return reject('photo_required');
	return moveTo('feedback', { feedbackAt: now }, clean(cmd.note), {
		onTime: state.deadlineAt === null || now <= state.deadlineAt
	});
};

const refuseRequest = ({ resume }: CaseStep, cmd: CommandOf<'reject_return' | 'reject_extension'>) => {
	if (blank(cmd.note)) return reject('reason_required');
	return resume(clean(cmd.note), { requestedDeadlineAt: null });
};

const requestExtension: Handler<'request_extension'> = ({ state, now, moveTo }, cmd) => {
	if (blank(cmd.reason)) return reject('reason_required');
	if (cmd.proposedDeadline <= now) return reject('deadline_in_past');
	if (state.deadlineAt !== null && cmd.proposedDeadline <= state.deadlineAt) return reject('deadline_not_later');
	return moveTo(
		'extension_requested',
		{ resumeStatus: state.status, requestedDeadlineAt: cmd.proposedDeadline },
		clean(cmd.reason),
		{
			proposedDeadline: cmd.proposedDeadline,
			previousDeadline: state.deadlineAt
		}
	);
};

const approveExtension: Handler<'approve_extension'> = ({ state, now, resume }, cmd) => {
	// The dispatcher approves the date asked for or sets another (the asked one may have passed
	// while the request waited): never a date already missed, never one before the current deadline.
	// Only the handling deadline moves: 高效处置 is judged against the original efficient limit.
	const approved = cmd.approvedDeadline ?? state.requestedDeadlineAt;
	if (approved === null) return reject('required');
	if (approved <= now) return reject('deadline_in_past');
	if (state.deadlineAt !== null && approved <= state.deadlineAt) return reject('deadline_not_later');
	return resume(
		clean(cmd.note),
		{ deadlineAt: approved, requestedDeadlineAt: null },
		{
			previousDeadline: state.deadlineAt,
			requestedDeadline: state.requestedDeadlineAt,
			deadlineAt: approved
		}
	);
};

const unpark: Handler<'unpark'> = ({ state, now, calendar, resume }, cmd) => {
	// 挂账 stops the clock: the paused time is added back in the limit's own unit.
	const extend = (deadline: number | null, limit: Limit | null) =>
		deadline !== null && state.parkedAt !== null
			? extendForPause(deadline, state.parkedAt, now, limit?.unit ?? 'h24', calendar)
			: deadline;
	const deadlineAt = extend(state.deadlineAt, state.handleLimit);
	const efficientDeadlineAt = extend(state.efficientDeadlineAt, state.efficientLimit);
	return resume(
		clean(cmd.note),
		{ deadlineAt, efficientDeadlineAt, parkedAt: null },
		{ previousDeadline: state.deadlineAt, deadlineAt }
	);
};

const checkFail: Handler<'check_fail'> = ({ state, now, moveTo }, cmd) => {
	if (blank(cmd.note)) return reject('reason_required');
	if (cmd.photoCount < 1) return reject('photo_required');
	// 返工: back to the department; a self-handled case has none, so it goes to the dispatcher.
	const next: CaseStatus = state.departmentId === null ? 'registered' : 'handling';
	// 处置 keeps counting from 派遣; the dispatcher's 派遣 step starts now, when the case reaches them.
	const stageStartedAt = next === 'handling' ? (state.dispatchedAt ?? now) : now;
	return moveTo(next, { reworkCount: state.reworkCount + 1, feedbackAt: null, stageStartedAt }, clean(cmd.note));
};

/** One handler per command: it checks the command's own input and states the step. */
export const CASE_HANDLERS: { [A in CaseAction]: Handler<A> } = {
	accept: ({ moveTo }, cmd) => moveTo('accepted', {}, clean(cmd.note)),
	void: ({ now, moveTo }, cmd) => {
		if (blank(cmd.reason)) return reject('reason_required');
		return moveTo('void', { closedAt: now }, clean(cmd.reason));
	},
	register,
	dispatch,
	// The handling countdown runs from 派遣, so the 处置 stage starts there.
	sign: ({ state, now, moveTo }, cmd) =>
		moveTo('handling', { stageStartedAt: state.dispatchedAt ?? now }, clean(cmd.note)),
	feedback,
	request_return: ({ state, moveTo }, cmd) => {
		if (blank(cmd.note)) return reject('reason_required');
		return moveTo('return_requested', { resumeStatus: state.status }, clean(cmd.note), { reasonCode: cmd.reasonCode });
	},
	// Back to the dispatcher for 改派; the old department lets go of the case.
	approve_return: ({ moveTo }, cmd) =>
		moveTo(
			'registered',
			{ resumeStatus: null, departmentId: null, dispatchedAt: null, deadlineAt: null, efficientDeadlineAt: null },
			clean(cmd.note)
		),
	reject_return: refuseRequest,
	request_extension: requestExtension,
	approve_extension: approveExtension,
	reject_extension: refuseRequest,
	park: ({ state, now, moveTo }, cmd) => {
		if (blank(cmd.reason)) return reject('reason_required');
		return moveTo('parked', { resumeStatus: state.status, parkedAt: now }, clean(cmd.reason));
	},
	unpark,
	check_pass: ({ moveTo }, cmd) => {
		if (cmd.photoCount < 1) return reject('photo_required');
		return moveTo('checked', {}, clean(cmd.note));
	},
	check_fail: checkFail,
	close: ({ now, moveTo }, cmd) => moveTo('closed', { closedAt: now }, clean(cmd.note)),
	supervise: ({ state, moveTo }, cmd) => {
		if (blank(cmd.note)) return reject('reason_required');
		return moveTo(state.status, { supervised: true }, clean(cmd.note));
	}
};
