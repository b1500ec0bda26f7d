import { describe, expect, it } from 'vitest';
import {
	ENFORCEMENT_ACTIONS,
	ENFORCEMENT_STATUSES,
	type EnforcementAction,
	type EnforcementStatus
} from './enforcement-status';
import {
	applyEnforcementCommand,
	ENFORCEMENT_TRANSITIONS,
	openEnforcement,
	type EnforcementCommand,
	type EnforcementState
} from './enforcement-workflow';
import { ctxAt, stateIn, T0, VALID, WHEN } from './enforcement-workflow.fixtures';
import { at, cal } from './fixtures/time';
import { fromEach } from './fixtures/transition-spec';

// The transition table of the enforcement track, written out by hand: every allowed move lands where it should, every other
// (status, action) pair is refused and changes nothing.
const BEFORE = (s: EnforcementStatus) => ENFORCEMENT_STATUSES.slice(0, ENFORCEMENT_STATUSES.indexOf(s));
/** The shop may be linked until the party is confirmed; the case may be cancelled until it is paid. */
const BEFORE_PARTY = BEFORE('party_confirmed');
const BEFORE_PAYMENT = BEFORE('paid');
const EXPECTED_NEXT: { [A in EnforcementAction]: Partial<Record<EnforcementStatus, EnforcementStatus>> } = {
	link_shop: fromEach(BEFORE_PARTY),
	notify: { pending_notice: 'rectifying' },
	recheck: { rectifying: 'pending_register' },
	register: { pending_register: 'registered' },
	confirm_party: { registered: 'party_confirmed' },
	issue_notice: { party_confirmed: 'statement' },
	record_statement: { statement: 'pending_decision' },
	lapse_statement: { statement: 'pending_decision' },
	decide: { pending_decision: 'awaiting_payment' },
	record_payment: { awaiting_payment: 'paid' },
	close: { paid: 'closed' },
	cancel: fromEach(BEFORE_PAYMENT, 'cancelled')
};

// record_statement must come inside the window, lapse_statement after it: give each its own moment.
const nowFor = (a: EnforcementAction) => (a === 'record_statement' ? at('2026-10-09 16:00') : (WHEN[a] ?? T0 + 60_000));

describe('transition table', () => {
	const pairs = ENFORCEMENT_ACTIONS.flatMap((a) => ENFORCEMENT_STATUSES.map((s) => [a, s] as const));
	it.each(pairs)('%s from %s', (action, status) => {
		const expected = EXPECTED_NEXT[action][status];
		const before = stateIn(status);
		const snapshot = structuredClone(before);
		const r = applyEnforcementCommand(before, VALID[action] as EnforcementCommand, ctxAt(nowFor(action)));
		expect(before).toEqual(snapshot); // pure: the input is never mutated
		if (expected) {
			expect(r).toMatchObject({ ok: true, next: expected, event: { action, from: status, to: expected } });
		} else {
			expect(r.ok).toBe(false);
		}
	});

	it('the table in the module is exactly the specification', () => {
		for (const a of ENFORCEMENT_ACTIONS)
			expect([...ENFORCEMENT_TRANSITIONS[a]].sort()).toEqual(Object.keys(EXPECTED_NEXT[a]).sort());
	});
});

describe('refusals with a reason', () => {
	const ctx = ctxAt(T0 + 60_000);
	it('a decision before the 违法行为告知书 is refused as notice_required', () => {
		for (const s of ['pending_notice', 'rectifying', 'pending_register', 'registered', 'party_confirmed'] as const) {
			expect(applyEnforcementCommand(stateIn(s), VALID.decide, ctx)).toEqual({ ok: false, reason: 'notice_required' });
		}
		expect(applyEnforcementCommand(stateIn('closed'), VALID.decide, ctx)).toEqual({
			ok: false,
			reason: 'not_allowed_in_state'
		});
	});
	it('先行告知 needs a linked shop and a phone to text', () => {
		expect(applyEnforcementCommand(stateIn('pending_notice', { shopId: null }), VALID.notify, ctx)).toEqual({
			ok: false,
			reason: 'shop_required'
		});
		expect(applyEnforcementCommand(stateIn('pending_notice'), { ...VALID.notify, phone: null }, ctx)).toEqual({
			ok: false,
			reason: 'phone_required'
		});
	});
	it('"not corrected" only after the rectify period, and only with a photo; "corrected" closes at once', () => {
		const s = stateIn('rectifying');
		expect(applyEnforcementCommand(s, VALID.recheck, ctxAt(T0 + 29 * 60_000))).toEqual({
			ok: false,
			reason: 'rectify_period_running'
		});
		expect(applyEnforcementCommand(s, { ...VALID.recheck, photoCount: 0 }, ctxAt(T0 + 31 * 60_000))).toEqual({
			ok: false,
			reason: 'photo_required'
		});
		const fixed = applyEnforcementCommand(
			s,
			{ action: 'recheck', corrected: true, note: '', photoCount: 0 },
			ctxAt(T0 + 10 * 60_000)
		);
		expect(fixed).toMatchObject({
			ok: true,
			next: 'closed',
			changes: { outcome: 'corrected', closedAt: T0 + 10 * 60_000 }
		});
	});
	it('fines outside the legal range are refused at the notice and at the decision', () => {
		const low = { ...VALID.issue_notice, proposedFine: 9_999 };
		const high = { ...VALID.decide, fine: 100_001 };
		expect(applyEnforcementCommand(stateIn('party_confirmed'), low, ctx)).toEqual({
			ok: false,
			reason: 'fine_out_of_range'
		});
		expect(applyEnforcementCommand(stateIn('pending_decision'), high, ctx)).toEqual({
			ok: false,
			reason: 'fine_out_of_range'
		});
		expect(applyEnforcementCommand(stateIn('pending_decision'), { ...VALID.decide, fine: 10_000.5 }, ctx)).toEqual({
			ok: false,
			reason: 'fine_out_of_range'
		});
		expect(applyEnforcementCommand(stateIn('pending_decision'), { ...VALID.decide, fine: 100_000 }, ctx).ok).toBe(true);
	});
	it('陈述申辩: recorded only inside the window, lapsed only after it', () => {
		const s = stateIn('statement');
		expect(applyEnforcementCommand(s, VALID.lapse_statement, ctxAt(at('2026-10-09 23:59')))).toEqual({
			ok: false,
			reason: 'statement_window_open'
		});
		expect(applyEnforcementCommand(s, VALID.record_statement, ctxAt(at('2026-10-10 00:01')))).toEqual({
			ok: false,
			reason: 'statement_window_closed'
		});
		expect(
			applyEnforcementCommand(s, { action: 'record_statement', statement: '  ' }, ctxAt(at('2026-10-09 10:00')))
		).toEqual({ ok: false, reason: 'reason_required' });
	});
	it('撤销 needs a reason', () => {
		expect(applyEnforcementCommand(stateIn('statement'), { action: 'cancel', reason: ' ' }, ctx)).toEqual({
			ok: false,
			reason: 'reason_required'
		});
	});
	it('a payment must be dated between the decision and today, and be exactly what is due', () => {
		const s = stateIn('awaiting_payment', { decisionAt: at('2026-09-30 10:00'), paymentDueAt: at('2026-10-16 00:00') });
		const today = ctxAt(at('2026-10-20 09:00'));
		expect(applyEnforcementCommand(s, { ...VALID.record_payment, paidOn: '2026-09-29' }, today)).toEqual({
			ok: false,
			reason: 'paid_date_invalid'
		});
		expect(applyEnforcementCommand(s, { ...VALID.record_payment, paidOn: '2026-10-21' }, today)).toEqual({
			ok: false,
			reason: 'paid_date_invalid'
		});
		expect(applyEnforcementCommand(s, { ...VALID.record_payment, paidOn: '2026-02-30' }, today)).toEqual({
			ok: false,
			reason: 'paid_date_invalid'
		});
		// Four days late: 50,000 分 + 4 × 3 % = 6,000 分 surcharge.
		const late = applyEnforcementCommand(s, { action: 'record_payment', amount: 50_000, paidOn: '2026-10-19' }, today);
		expect(late).toEqual({
			ok: false,
			reason: 'amount_mismatch',
			detail: { fine: 50_000, surcharge: 6_000, total: 56_000, daysLate: 4 }
		});
		expect(
			applyEnforcementCommand(s, { action: 'record_payment', amount: 56_000, paidOn: '2026-10-19' }, today)
		).toMatchObject({ ok: true, next: 'paid', changes: { paidAmount: 56_000, paidOn: '2026-10-19' } });
	});
});

describe('a whole case, alert to paid penalty, on the official calendar', () => {
	// Each step: the command, when it is given, and what the case holds afterwards (when that is worth checking).
	const STEPS: ReadonlyArray<readonly [EnforcementCommand, string, Partial<EnforcementState>?]> = [
		[VALID.link_shop, '2026-09-29 10:05'],
		[
			VALID.notify,
			'2026-09-29 10:10',
			{ status: 'rectifying', rectifyDueAt: at('2026-09-29 10:40'), stageDeadlineAt: at('2026-09-29 10:40') }
		],
		[VALID.recheck, '2026-09-29 10:45'],
		// 90 natural days from 09-29 end on 12-28 (a Monday, a working day).
		[
			VALID.register,
			'2026-09-29 11:00',
			{
				status: 'registered',
				registeredAt: at('2026-09-29 11:00'),
				decisionDueAt: at('2026-12-29 00:00'),
				stageDeadlineAt: at('2026-10-01 00:00')
			}
		],
		[VALID.confirm_party, '2026-09-29 14:00'],
		// 3 working days: 09-30, then the National Day break, then 10-08 and 10-09.
		[
			VALID.issue_notice,
			'2026-09-29 15:00',
			{ status: 'statement', statementDueAt: at('2026-10-10 00:00'), stageDeadlineAt: at('2026-10-10 00:00') }
		],
		[
			VALID.lapse_statement,
			'2026-10-10 09:00',
			{ status: 'pending_decision', stageDeadlineAt: at('2026-12-29 00:00') }
		],
		// 15 natural days from 10-12 end on 10-27 (a Tuesday).
		[
			{ action: 'decide', fine: 50_000 },
			'2026-10-12 10:00',
			{ status: 'awaiting_payment', fine: 50_000, paymentDueAt: at('2026-10-28 00:00') }
		],
		[{ action: 'record_payment', amount: 50_000, paidOn: '2026-10-20' }, '2026-10-20 16:00'],
		[
			VALID.close,
			'2026-10-21 09:00',
			{ status: 'closed', outcome: 'paid', closedAt: at('2026-10-21 09:00'), stageDeadlineAt: null }
		]
	];

	it('every step sets its legal clock', () => {
		let s = openEnforcement(T0, cal, null).state;
		expect(s).toMatchObject({ status: 'pending_notice', stageDeadlineAt: at('2026-09-29 11:00') });
		for (const [c, when, expected] of STEPS) {
			const r = applyEnforcementCommand(s, c, ctxAt(at(when)));
			if (!r.ok) throw new Error(`${c.action}: ${r.reason}`);
			s = { ...s, ...r.changes };
			if (expected) expect(s, `after ${c.action}`).toMatchObject(expected);
		}
	});
});
