// One step per enforcement command: its own checks, then the status it leads to and what it records.
// The state machine in enforcement-workflow.ts has already checked that the action is allowed.
import { decisionDeadline, paymentDeadline, rectifyDeadline, statementDeadline } from './enforcement-clocks';
import { amountDue, isFineInRange } from './enforcement-money';
import type { EnforcementAction, EnforcementStatus } from './enforcement-status';
import type {
	EnforcementCommand,
	EnforcementContext,
	EnforcementRejection,
	EnforcementState
} from './enforcement-workflow';
import { isValidDate, shanghaiDate } from './working-days';

export type Step =
	| {
			next: EnforcementStatus;
			changes: Partial<EnforcementState>;
			note: string | null;
			payload?: Record<string, unknown>;
	  }
	| EnforcementRejection;

type CommandOf<A extends EnforcementAction> = Extract<EnforcementCommand, { action: A }>;
type StepOf<A extends EnforcementAction> = (s: EnforcementState, c: CommandOf<A>, ctx: EnforcementContext) => Step;

const recheck: StepOf<'recheck'> = (s, c, { now }) => {
	const note = c.note.trim();
	if (c.corrected)
		return {
			next: 'closed',
			changes: { outcome: 'corrected', closedAt: now },
			note: note || null,
			payload: { corrected: true }
		};
	if (s.rectifyDueAt !== null && now < s.rectifyDueAt) return 'rectify_period_running';
	if (c.photoCount < 1) return 'photo_required';
	return { next: 'pending_register', changes: {}, note: note || null, payload: { corrected: false } };
};

const recordPayment: StepOf<'record_payment'> = (s, c, { now }) => {
	const decided = s.decisionAt === null ? null : shanghaiDate(s.decisionAt);
	if (!isValidDate(c.paidOn) || decided === null || c.paidOn < decided || c.paidOn > shanghaiDate(now))
		return 'paid_date_invalid';
	const due = amountDue(s.fine ?? 0, s.paymentDueAt ?? now, c.paidOn);
	if (c.amount !== due.total) return 'amount_mismatch';
	return {
		next: 'paid',
		changes: { paidOn: c.paidOn, paidAmount: c.amount },
		note: null,
		payload: { ...due, paidOn: c.paidOn }
	};
};

/** One step per command: its own checks, then the status it leads to and what it records. */
const STEPS: { [A in EnforcementAction]: StepOf<A> } = {
	link_shop: (s, c) => ({ next: s.status, changes: { shopId: c.shopId }, note: null, payload: { shopId: c.shopId } }),
	notify: (s, c, { now, rectifyMinutes }) => {
		if (s.shopId === null) return 'shop_required';
		if (!c.phone) return 'phone_required';
		return {
			next: 'rectifying',
			changes: { notifiedAt: now, rectifyDueAt: rectifyDeadline(now, rectifyMinutes) },
			note: c.text,
			payload: { text: c.text }
		};
	},
	recheck,
	register: (_s, c, { now, calendar }) => ({
		next: 'registered',
		changes: { registeredAt: now, decisionDueAt: decisionDeadline(now, calendar) },
		note: c.note?.trim() || null
	}),
	confirm_party: (s, c, { now }) => {
		if (s.shopId === null) return 'shop_required';
		return {
			next: 'party_confirmed',
			changes: { partyConfirmedAt: now },
			note: c.note.trim() || null,
			payload: { method: c.method }
		};
	},
	issue_notice: (_s, c, { now, calendar, fineRange }) => {
		if (!isFineInRange(c.proposedFine, fineRange)) return 'fine_out_of_range';
		return {
			next: 'statement',
			changes: { noticeAt: now, proposedFine: c.proposedFine, statementDueAt: statementDeadline(now, calendar) },
			note: null,
			payload: { proposedFine: c.proposedFine }
		};
	},
	record_statement: (s, c, { now }) => {
		if (s.statementDueAt !== null && now > s.statementDueAt) return 'statement_window_closed';
		const text = c.statement.trim();
		if (!text) return 'reason_required';
		return { next: 'pending_decision', changes: { statementAt: now }, note: text };
	},
	lapse_statement: (s, _c, { now }) => {
		if (s.statementDueAt === null || now <= s.statementDueAt) return 'statement_window_open';
		return { next: 'pending_decision', changes: {}, note: null, payload: { lapsedAt: s.statementDueAt } };
	},
	decide: (_s, c, { now, calendar, fineRange }) => {
		if (!isFineInRange(c.fine, fineRange)) return 'fine_out_of_range';
		return {
			next: 'awaiting_payment',
			changes: { decisionAt: now, fine: c.fine, paymentDueAt: paymentDeadline(now, calendar) },
			note: c.note?.trim() || null,
			payload: { fine: c.fine }
		};
	},
	record_payment: recordPayment,
	close: (_s, c, { now }) => ({
		next: 'closed',
		changes: { outcome: 'paid', closedAt: now },
		note: c.note?.trim() || null
	}),
	cancel: (_s, c, { now }) => {
		const reason = c.reason.trim();
		if (!reason) return 'reason_required';
		return { next: 'cancelled', changes: { outcome: 'cancelled', closedAt: now }, note: reason };
	}
};

export function decide(s: EnforcementState, c: EnforcementCommand, ctx: EnforcementContext): Step {
	// The table pairs each action with the step of its own command type; TypeScript cannot follow
	// that pairing through an index, hence the widened call.
	return (STEPS[c.action] as StepOf<EnforcementAction>)(s, c as never, ctx);
}
