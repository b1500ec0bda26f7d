import {
	CONTACT_METHODS,
	CONTACT_OUTCOMES,
	HOTLINE_RETURN_REASONS,
	SATISFACTION,
	isOneOf,
	type HotlineAction,
	type HotlineStatus
} from './hotline-status';
import type { HotlineCommand, HotlineState } from './hotline-state';
import { HOTLINE_LIMITS, hotlineStep, hotlineWarnAt } from './hotline-stages';
import { computeDeadline } from './deadlines';
import type { WorkCalendar } from './working-days';

export { openHotlineOrder, hotlineStageDeadline } from './hotline-stages';
export type { HotlineCommand, HotlineState } from './hotline-state';

export type HotlineRejection =
	| 'not_allowed_in_state'
	| 'reason_required'
	| 'evidence_required'
	| 'first_contact_required'
	| 'already_contacted'
	| 'contact_time_invalid'
	| 'deadline_not_later'
	| 'deadline_in_past'
	| 'extension_too_long'
	| 'invalid_input';

export interface HotlineEventDraft {
	action: HotlineAction;
	from: HotlineStatus;
	to: HotlineStatus;
	note: string | null;
	payload: Record<string, unknown>;
}

export type HotlineTransitionResult =
	| { ok: true; next: HotlineStatus; changes: Partial<HotlineState>; event: HotlineEventDraft }
	| { ok: false; reason: HotlineRejection };

export interface HotlineContext {
	now: number;
	calendar: WorkCalendar;
}

const OPEN: readonly HotlineStatus[] = [
	'received',
	'assigned',
	'handling',
	'return_requested',
	'extension_requested',
	'replied',
	'redo'
];

/** Which statuses each action may start from. Everything not listed is refused. */
export const HOTLINE_TRANSITIONS: Readonly<Record<HotlineAction, readonly HotlineStatus[]>> = {
	assign: ['received', 'assigned'], // from 'assigned' = 改派
	sign: ['assigned'],
	first_contact: ['handling'],
	reply: ['handling', 'redo'],
	request_return: ['assigned', 'handling'],
	approve_return: ['return_requested'],
	reject_return: ['return_requested'],
	request_extension: ['handling', 'redo'],
	approve_extension: ['extension_requested'],
	reject_extension: ['extension_requested'],
	supervise: OPEN,
	evaluate: ['replied']
};

export function isHotlineAllowed(action: HotlineAction, status: HotlineStatus): boolean {
	return HOTLINE_TRANSITIONS[action].includes(status);
}

export function hotlineActionsInState(status: HotlineStatus): HotlineAction[] {
	return (Object.keys(HOTLINE_TRANSITIONS) as HotlineAction[]).filter((a) => HOTLINE_TRANSITIONS[a].includes(status));
}

const reject = (reason: HotlineRejection): HotlineTransitionResult => ({ ok: false, reason });
const blank = (s: string | undefined | null) => typeof s !== 'string' || s.trim() === '';
const clean = (s: string | undefined | null) => (blank(s) ? null : s!.trim());
const isInstant = (n: unknown): n is number => typeof n === 'number' && Number.isFinite(n);

/** The deadline the running step is judged on: 重办's own clock, else the order's 办结 deadline. */
const deadlineKey = (s: HotlineState) => (hotlineStep(s) === 'redo' ? 'redoDeadlineAt' : 'deadlineAt');

/**
 * The 12345 order state machine: (state, command, context) → next status and the changes to
 * persist, or a rejection. Pure: the caller supplies `now` and the calendar.
 */
export function applyHotlineCommand(
	state: HotlineState,
	cmd: HotlineCommand,
	ctx: HotlineContext
): HotlineTransitionResult {
	const from = state.status;
	if (!isHotlineAllowed(cmd.action, from)) return reject('not_allowed_in_state');
	const { now, calendar } = ctx;
	const moveTo = (
		next: HotlineStatus,
		changes: Partial<HotlineState>,
		note: string | null,
		payload: Record<string, unknown> = {},
		deadlineMoved = false
	): HotlineTransitionResult => {
		// Every result carries the yellow instant of the step the order is now in.
		const warnAt = hotlineWarnAt(state, { ...state, ...changes, status: next }, { now, calendar, deadlineMoved });
		return {
			ok: true,
			next,
			changes: { ...changes, status: next, warnAt },
			event: { action: cmd.action, from, to: next, note, payload }
		};
	};
	// Ends a pending 退单/延期 request: back to where the order came from.
	const resume = (
		changes: Partial<HotlineState>,
		note: string | null,
		payload: Record<string, unknown> = {},
		moved = false
	) => moveTo(state.resumeStatus ?? 'handling', { ...changes, resumeStatus: null }, note, payload, moved);

	switch (cmd.action) {
		case 'assign':
			if (!Number.isInteger(cmd.departmentId) || cmd.departmentId <= 0) return reject('invalid_input');
			return moveTo('assigned', { departmentId: cmd.departmentId, assignedAt: now }, clean(cmd.note), {
				departmentId: cmd.departmentId,
				previousDepartmentId: state.departmentId
			});
		case 'sign': {
			// 先行联系 is due 1 wd after 签收 (the city platform's rule).
			const firstContactDueAt = computeDeadline(now, HOTLINE_LIMITS.firstContact, calendar);
			return moveTo('handling', { signedAt: now, firstContactDueAt }, clean(cmd.note), { firstContactDueAt });
		}
		case 'first_contact': {
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
				from,
				{ firstContactAt: cmd.at, contactOutcome: cmd.outcome, contactMethod: method },
				clean(cmd.summary),
				{
					at: cmd.at,
					outcome: cmd.outcome,
					method,
					onTime: state.firstContactDueAt === null || cmd.at <= state.firstContactDueAt
				}
			);
		}
		case 'reply':
			if (typeof cmd.resolved !== 'boolean') return reject('invalid_input');
			if (blank(cmd.text)) return reject('reason_required');
			if (state.contactOutcome === null) return reject('first_contact_required');
			return moveTo(
				'replied',
				{ firstReplyAt: state.firstReplyAt ?? now, lastReplyAt: now, replyResolved: cmd.resolved },
				clean(cmd.text),
				{
					resolved: cmd.resolved,
					redo: from === 'redo'
				}
			);
		case 'request_return':
			if (!isOneOf(HOTLINE_RETURN_REASONS, cmd.reasonCode)) return reject('invalid_input');
			if (blank(cmd.note)) return reject('reason_required');
			if (!(cmd.evidenceCount >= 1)) return reject('evidence_required');
			return moveTo('return_requested', { resumeStatus: from }, clean(cmd.note), {
				reasonCode: cmd.reasonCode,
				evidenceCount: cmd.evidenceCount
			});
		case 'approve_return':
			// The order goes back to the city platform: nothing more happens to it here.
			return moveTo('returned', { resumeStatus: null, returnApprovedAt: now }, clean(cmd.note));
		case 'reject_return':
		case 'reject_extension':
			if (blank(cmd.note)) return reject('reason_required');
			return resume({ requestedDeadlineAt: null }, clean(cmd.note));
		case 'request_extension': {
			if (blank(cmd.reason)) return reject('reason_required');
			if (!isInstant(cmd.proposedDeadline)) return reject('invalid_input');
			const current = state[deadlineKey(state)];
			if (cmd.proposedDeadline <= now) return reject('deadline_in_past');
			if (current !== null && cmd.proposedDeadline <= current) return reject('deadline_not_later');
			// The city allows at most 15 wd after the day of receipt in all, extensions included — also for a 重办.
			if (cmd.proposedDeadline > computeDeadline(state.receivedAt, HOTLINE_LIMITS.extensionCap, calendar))
				return reject('extension_too_long');
			return moveTo(
				'extension_requested',
				{ resumeStatus: from, requestedDeadlineAt: cmd.proposedDeadline },
				clean(cmd.reason),
				{
					proposedDeadline: cmd.proposedDeadline,
					previousDeadline: current
				}
			);
		}
		case 'approve_extension': {
			// The date asked for, or another the dispatcher sets (the asked one may have passed while the
			// request waited): never one already missed, never before the current deadline, within the cap.
			const approved = cmd.approvedDeadline ?? state.requestedDeadlineAt;
			if (approved === null || !isInstant(approved)) return reject('invalid_input');
			if (approved <= now) return reject('deadline_in_past');
			const key = state.resumeStatus === 'redo' ? 'redoDeadlineAt' : 'deadlineAt';
			const current = state[key];
			if (current !== null && approved <= current) return reject('deadline_not_later');
			if (approved > computeDeadline(state.receivedAt, HOTLINE_LIMITS.extensionCap, calendar))
				return reject('extension_too_long');
			const payload = { previousDeadline: current, requestedDeadline: state.requestedDeadlineAt, deadlineAt: approved };
			return resume({ [key]: approved, requestedDeadlineAt: null }, clean(cmd.note), payload, true);
		}
		case 'supervise': {
			if (blank(cmd.note)) return reject('reason_required');
			// 督办件 3 wd: the running deadline is pulled in to 3 wd from now, never pushed out.
			const key = deadlineKey(state);
			const previous = state[key];
			const urged = computeDeadline(now, HOTLINE_LIMITS.supervise, calendar);
			const deadline = previous === null ? urged : Math.min(previous, urged);
			return moveTo(
				from,
				{ supervisedAt: now, [key]: deadline },
				clean(cmd.note),
				{ previousDeadline: previous, deadlineAt: deadline },
				deadline !== previous
			);
		}
		case 'evaluate': {
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
		}
	}
}
