// One handler per 12345 command: each checks its command's own input and states the step it takes
// (next status, changes, event). The state machine in hotline-workflow.ts has already checked that
// the action is allowed in the order's status.
import {
	CONTACT_METHODS,
	CONTACT_OUTCOMES,
	HOTLINE_RETURN_REASONS,
	SATISFACTION,
	type HotlineAction,
	type HotlineStatus
} from './hotline-status';
import type {
	HotlineCommand,
	HotlineContext,
	HotlineRejection,
	HotlineState,
	HotlineTransitionResult
} from './hotline-state';
import { HOTLINE_LIMITS, hotlineStep, hotlineWarnAt } from './hotline-stages';
import { computeDeadline } from './deadlines';
import { isOneOf } from './one-of';
import type { WorkCalendar } from './working-days';

export const reject = (reason: HotlineRejection): HotlineTransitionResult => ({ ok: false, reason });
const blank = (s: string | undefined | null) => typeof s !== 'string' || s.trim() === '';
const clean = (s: string | undefined | null) => (blank(s) ? null : s!.trim());
const isInstant = (n: unknown): n is number => typeof n === 'number' && Number.isFinite(n);

/** The deadline the running step is judged on: 重办's own clock, else the order's 办结 deadline. */
const deadlineKey = (s: HotlineState) => (hotlineStep(s) === 'redo' ? 'redoDeadlineAt' : 'deadlineAt');

/** What every command handler is given: the order as it stands and how to state the step it takes. */
interface HotlineStep {
	state: HotlineState;
	now: number;
	calendar: WorkCalendar;
	/** The result of a step to `next`; every result carries the yellow instant of the step the order is now in. */
	moveTo(
		next: HotlineStatus,
		changes: Partial<HotlineState>,
		note: string | null,
		payload?: Record<string, unknown>,
		deadlineMoved?: boolean
	): HotlineTransitionResult;
	/** Ends a pending 退单/延期 request: back to where the order came from. */
	resume(
		changes: Partial<HotlineState>,
		note: string | null,
		payload?: Record<string, unknown>,
		moved?: boolean
	): HotlineTransitionResult;
}

export function stepFrom(state: HotlineState, action: HotlineAction, { now, calendar }: HotlineContext): HotlineStep {
	const from = state.status;
	const moveTo: HotlineStep['moveTo'] = (next, changes, note, payload = {}, deadlineMoved = false) => {
		const warnAt = hotlineWarnAt(state, { ...state, ...changes, status: next }, { now, calendar, deadlineMoved });
		return {
			ok: true,
			next,
			changes: { ...changes, status: next, warnAt },
			event: { action, from, to: next, note, payload }
		};
	};
	return {
		state,
		now,
		calendar,
		moveTo,
		resume: (changes, note, payload = {}, moved = false) =>
			moveTo(state.resumeStatus ?? 'handling', { ...changes, resumeStatus: null }, note, payload, moved)
	};
}

type CommandOf<A extends HotlineAction> = Extract<HotlineCommand, { action: A }>;
export type Handler<A extends HotlineAction> = (step: HotlineStep, cmd: CommandOf<A>) => HotlineTransitionResult;

// The latest date a 延期 may reach: 15 wd after the day of receipt in all, extensions included — also for a 重办.
const extensionCap = ({ state, calendar }: HotlineStep) =>
	computeDeadline(state.receivedAt, HOTLINE_LIMITS.extensionCap, calendar);

const assign: Handler<'assign'> = ({ state, now, moveTo }, cmd) => {
	if (!Number.isInteger(cmd.departmentId) || cmd.departmentId <= 0) return reject('invalid_input');
	return moveTo('assigned', { departmentId: cmd.departmentId, assignedAt: now }, clean(cmd.note), {
		departmentId: cmd.departmentId,
		previousDepartmentId: state.departmentId
	});
};

const sign: Handler<'sign'> = ({ now, calendar, moveTo }, cmd) => {
	// 先行联系 is due 1 wd after 签收 (the city platform's rule).
	const firstContactDueAt = computeDeadline(now, HOTLINE_LIMITS.firstContact, calendar);
	return moveTo('handling', { signedAt: now, firstContactDueAt }, clean(cmd.note), { firstContactDueAt });
};

const firstContact: Handler<'first_contact'> = ({ state, now, moveTo }, cmd) => {
	if (state.contactOutcome !== null) return reject('already_contacted');
	if (!isOneOf(CONTACT_OUTCOMES, cmd.outcome) || (cmd.method != null && !isOneOf(CONTACT_METHODS, cmd.method)))
		return reject('invalid_input');
	if (!isInstant(cmd.at)) return reject('invalid_input');
	// The contact happened between 签收 and now: not back-dated before signing, not in the future.
	if (cmd.at > now || (state.signedAt !== null && cmd.at < state.signedAt)) return reject('contact_time_invalid');
	const contacted = cmd.outcome === 'contacted';
	if (contacted && cmd.method == null) return reject('invalid_input');
	if (contacted && blank(cmd.summary)) return reject('reason_required');
	const method = cmd.method ?? null;
	return moveTo(
		state.status,
		{ firstContactAt: cmd.at, contactOutcome: cmd.outcome, contactMethod: method },
		clean(cmd.summary),
		{
			at: cmd.at,
			outcome: cmd.outcome,
			method,
			onTime: state.firstContactDueAt === null || cmd.at <= state.firstContactDueAt
		}
	);
};

const reply: Handler<'reply'> = ({ state, now, moveTo }, cmd) => {
	if (typeof cmd.resolved !== 'boolean') return reject('invalid_input');
	if (blank(cmd.text)) return reject('reason_required');
	if (state.contactOutcome === null) return reject('first_contact_required');
	return moveTo(
		'replied',
		{ firstReplyAt: state.firstReplyAt ?? now, lastReplyAt: now, replyResolved: cmd.resolved },
		clean(cmd.text),
		{
			resolved: cmd.resolved,
			redo: state.status === 'redo'
		}
	);
};

const requestReturn: Handler<'request_return'> = ({ state, moveTo }, cmd) => {
	if (!isOneOf(HOTLINE_RETURN_REASONS, cmd.reasonCode)) return reject('invalid_input');
	if (blank(cmd.note)) return reject('reason_required');
	if (!(cmd.evidenceCount >= 1)) return reject('evidence_required');
	return moveTo('return_requested', { resumeStatus: state.status }, clean(cmd.note), {
		reasonCode: cmd.reasonCode,
		evidenceCount: cmd.evidenceCount
	});
};

// The order goes back to the city platform: nothing more happens to it here.
const approveReturn: Handler<'approve_return'> = ({ now, moveTo }, cmd) =>
	moveTo('returned', { resumeStatus: null, returnApprovedAt: now }, clean(cmd.note));

const refuseRequest = ({ resume }: HotlineStep, cmd: CommandOf<'reject_return' | 'reject_extension'>) => {
	if (blank(cmd.note)) return reject('reason_required');
	return resume({ requestedDeadlineAt: null }, clean(cmd.note));
};

const requestExtension: Handler<'request_extension'> = (step, cmd) => {
	const { state, now, moveTo } = step;
	if (blank(cmd.reason)) return reject('reason_required');
	if (!isInstant(cmd.proposedDeadline)) return reject('invalid_input');
	const current = state[deadlineKey(state)];
	if (cmd.proposedDeadline <= now) return reject('deadline_in_past');
	if (current !== null && cmd.proposedDeadline <= current) return reject('deadline_not_later');
	if (cmd.proposedDeadline > extensionCap(step)) return reject('extension_too_long');
	return moveTo(
		'extension_requested',
		{ resumeStatus: state.status, requestedDeadlineAt: cmd.proposedDeadline },
		clean(cmd.reason),
		{
			proposedDeadline: cmd.proposedDeadline,
			previousDeadline: current
		}
	);
};

const approveExtension: Handler<'approve_extension'> = (step, cmd) => {
	const { state, now, resume } = step;
	// The date asked for, or another the dispatcher sets (the asked one may have passed while the
	// request waited): never one already missed, never before the current deadline, within the cap.
	const approved = cmd.approvedDeadline ?? state.requestedDeadlineAt;
	if (approved === null || !isInstant(approved)) return reject('invalid_input');
	if (approved <= now) return reject('deadline_in_past');
	const key = state.resumeStatus === 'redo' ? 'redoDeadlineAt' : 'deadlineAt';
	const current = state[key];
	if (current !== null && approved <= current) return reject('deadline_not_later');
	if (approved > extensionCap(step)) return reject('extension_too_long');
	const payload = { previousDeadline: current, requestedDeadline: state.requestedDeadlineAt, deadlineAt: approved };
	return resume({ [key]: approved, requestedDeadlineAt: null }, clean(cmd.note), payload, true);
};

const supervise: Handler<'supervise'> = ({ state, now, calendar, moveTo }, cmd) => {
	if (blank(cmd.note)) return reject('reason_required');
	// 督办件 3 wd: the running deadline is pulled in to 3 wd from now, never pushed out.
	const key = deadlineKey(state);
	const previous = state[key];
	const urged = computeDeadline(now, HOTLINE_LIMITS.supervise, calendar);
	const deadline = previous === null ? urged : Math.min(previous, urged);
	return moveTo(
		state.status,
		{ supervisedAt: now, [key]: deadline },
		clean(cmd.note),
		{ previousDeadline: previous, deadlineAt: deadline },
		deadline !== previous
	);
};

const evaluate: Handler<'evaluate'> = ({ state, now, calendar, moveTo }, cmd) => {
	if (!isOneOf(SATISFACTION, cmd.satisfaction) || typeof cmd.resolvedConfirmed !== 'boolean')
		return reject('invalid_input');
	const payload = { satisfaction: cmd.satisfaction, resolvedConfirmed: cmd.resolvedConfirmed };
	if (cmd.satisfaction !== '不满意') {
		// 'unreachable' also completes: the citizen could not be reached at 回访, the reply stands.
		return moveTo('completed', { satisfaction: cmd.satisfaction, completedAt: now }, clean(cmd.note), payload);
	}
	// 不满意 → 重办 on the same order, on its own 3 wd clock from now.
	const redoDeadlineAt = computeDeadline(now, HOTLINE_LIMITS.redo, calendar);
	return moveTo(
		'redo',
		{ satisfaction: cmd.satisfaction, redoDeadlineAt, redoCount: state.redoCount + 1 },
		clean(cmd.note),
		{
			...payload,
			redoDeadlineAt
		}
	);
};

/** One handler per command: it checks the command's own input and states the step. */
export const HOTLINE_HANDLERS: { [A in HotlineAction]: Handler<A> } = {
	assign,
	sign,
	first_contact: firstContact,
	reply,
	request_return: requestReturn,
	approve_return: approveReturn,
	reject_return: refuseRequest,
	request_extension: requestExtension,
	approve_extension: approveExtension,
	reject_extension: refuseRequest,
	supervise,
	evaluate
};
