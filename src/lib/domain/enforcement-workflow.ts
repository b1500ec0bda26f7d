// The non-onsite enforcement track as a pure function: (state, command, context) → next | rejection.
import { currentClock } from './enforcement-clocks';
import { decide } from './enforcement-commands';
import { amountDue, type FineRange } from './enforcement-money';
import type { EnforcementAction, EnforcementOutcome, EnforcementStatus } from './enforcement-status';
import type { WorkCalendar } from './working-days';

/** The fields of an enforcement case the workflow reads and may change. */
export interface EnforcementState {
	status: EnforcementStatus;
	outcome: EnforcementOutcome | null;
	shopId: number | null;
	createdAt: number;
	notifiedAt: number | null;
	rectifyDueAt: number | null;
	registeredAt: number | null;
	decisionDueAt: number | null;
	partyConfirmedAt: number | null;
	noticeAt: number | null;
	proposedFine: number | null;
	statementDueAt: number | null;
	statementAt: number | null;
	decisionAt: number | null;
	fine: number | null;
	paymentDueAt: number | null;
	paidOn: string | null;
	paidAmount: number | null;
	closedAt: number | null;
	stageStartedAt: number;
	stageDeadlineAt: number | null;
	stageWarnAt: number | null;
}

export const CONFIRM_METHODS = ['onsite', 'phone', 'visit'] as const; // 现场 / 电话 / 到所
export type ConfirmMethod = (typeof CONFIRM_METHODS)[number];

export type EnforcementCommand =
	| { action: 'link_shop'; shopId: number }
	| { action: 'notify'; phone: string | null; text: string }
	| { action: 'recheck'; corrected: boolean; note: string; photoCount: number }
	| { action: 'register'; note?: string }
	| { action: 'confirm_party'; method: ConfirmMethod; note: string }
	| { action: 'issue_notice'; proposedFine: number }
	| { action: 'record_statement'; statement: string }
	| { action: 'lapse_statement' }
	| { action: 'decide'; fine: number; note?: string }
	| { action: 'record_payment'; amount: number; paidOn: string }
	| { action: 'close'; note?: string }
	| { action: 'cancel'; reason: string };

export type EnforcementRejection =
	| 'not_allowed_in_state'
	| 'notice_required' // a decision before the 违法行为告知书
	| 'shop_required'
	| 'phone_required'
	| 'reason_required'
	| 'photo_required'
	| 'rectify_period_running'
	| 'statement_window_open'
	| 'statement_window_closed'
	| 'fine_out_of_range'
	| 'paid_date_invalid'
	| 'amount_mismatch';

export interface EnforcementEventDraft {
	action: EnforcementAction | 'open';
	from: EnforcementStatus | null;
	to: EnforcementStatus;
	note: string | null;
	payload: Record<string, unknown>;
}

export type EnforcementResult =
	| { ok: true; next: EnforcementStatus; changes: Partial<EnforcementState>; event: EnforcementEventDraft }
	| { ok: false; reason: EnforcementRejection; detail?: Record<string, unknown> };

export interface EnforcementContext {
	now: number;
	calendar: WorkCalendar;
	fineRange: FineRange;
	rectifyMinutes: number;
}

/** Which statuses each action may start from. Everything not listed is refused. */
export const ENFORCEMENT_TRANSITIONS: Readonly<Record<EnforcementAction, readonly EnforcementStatus[]>> = {
	link_shop: ['pending_notice', 'rectifying', 'pending_register', 'registered'],
	notify: ['pending_notice'],
	recheck: ['rectifying'],
	register: ['pending_register'],
	confirm_party: ['registered'],
	issue_notice: ['party_confirmed'],
	record_statement: ['statement'],
	lapse_statement: ['statement'],
	decide: ['pending_decision'],
	record_payment: ['awaiting_payment'],
	close: ['paid'],
	cancel: [
		'pending_notice',
		'rectifying',
		'pending_register',
		'registered',
		'party_confirmed',
		'statement',
		'pending_decision',
		'awaiting_payment'
	]
};

const BEFORE_NOTICE: readonly EnforcementStatus[] = [
	'pending_notice',
	'rectifying',
	'pending_register',
	'registered',
	'party_confirmed'
];

/** A new case, as a reviewed alert or patrol photo opens it: waiting for the 先行告知. */
export function openEnforcement(
	now: number,
	calendar: WorkCalendar,
	shopId: number | null
): { state: EnforcementState; event: EnforcementEventDraft } {
	const state: EnforcementState = {
		status: 'pending_notice',
		outcome: null,
		shopId,
		createdAt: now,
		notifiedAt: null,
		rectifyDueAt: null,
		registeredAt: null,
		decisionDueAt: null,
		partyConfirmedAt: null,
		noticeAt: null,
		proposedFine: null,
		statementDueAt: null,
		statementAt: null,
		decisionAt: null,
		fine: null,
		paymentDueAt: null,
		paidOn: null,
		paidAmount: null,
		closedAt: null,
		stageStartedAt: now,
		stageDeadlineAt: null,
		stageWarnAt: null
	};
	return {
		state: { ...state, ...stageFields('pending_notice', state, now, calendar) },
		event: { action: 'open', from: null, to: 'pending_notice', note: null, payload: {} }
	};
}

function stageFields(
	next: EnforcementStatus,
	s: EnforcementState,
	now: number,
	cal: WorkCalendar
): Partial<EnforcementState> {
	const clock = currentClock(next, { ...s, stageStartedAt: now }, cal);
	return { stageStartedAt: now, stageDeadlineAt: clock?.deadlineAt ?? null, stageWarnAt: clock?.warnAt ?? null };
}

export function applyEnforcementCommand(
	s: EnforcementState,
	c: EnforcementCommand,
	ctx: EnforcementContext
): EnforcementResult {
	if (!ENFORCEMENT_TRANSITIONS[c.action].includes(s.status)) {
		// A decision needs the 违法行为告知书 and its 陈述申辩 window first: say so, not just "not now".
		if (c.action === 'decide' && BEFORE_NOTICE.includes(s.status)) return { ok: false, reason: 'notice_required' };
		return { ok: false, reason: 'not_allowed_in_state' };
	}
	const step = decide(s, c, ctx);
	if (typeof step === 'string') {
		if (step === 'amount_mismatch' && c.action === 'record_payment') {
			return { ok: false, reason: step, detail: amountDue(s.fine ?? 0, s.paymentDueAt ?? ctx.now, c.paidOn) };
		}
		return { ok: false, reason: step };
	}
	const merged = { ...s, ...step.changes };
	const stage = step.next === s.status ? {} : stageFields(step.next, merged, ctx.now, ctx.calendar);
	return {
		ok: true,
		next: step.next,
		changes: { ...step.changes, ...stage, status: step.next },
		event: { action: c.action, from: s.status, to: step.next, note: step.note, payload: step.payload ?? {} }
	};
}
