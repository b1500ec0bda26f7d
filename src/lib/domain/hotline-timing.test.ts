import { describe, expect, it } from 'vitest';
import { judgeCompletion, judgeFirstContact, type Judgement, type JudgementReason } from './hotline-timing';
import type { HotlineState } from './hotline-workflow';
import { at, endOf } from './fixtures/time';
import { NOT_CONTACTED, stateIn } from './hotline-workflow.fixtures';
import { CONTACT_DUE, DEADLINE } from './fixtures/hotline-timeline';

// The shared fixture order: a 投诉 (5 wd) received Mon 2026-09-28 09:00 and signed 14:00: 先行联系 due at
// the end of 09-29, 办结 due at the end of 10-10 (National Day break, 10-10 Saturday make-up day).
const EXTENDED = at('2026-10-16 17:00');

/** An order being handled, 先行联系 not logged yet, changed by `over`. */
const order = (over: Partial<HotlineState> = {}): HotlineState => stateIn('handling', { ...NOT_CONTACTED, ...over });
const contacted = (when: number): Partial<HotlineState> => ({
	firstContactAt: when,
	contactOutcome: 'contacted',
	contactMethod: 'phone'
});
const NOT_SIGNED: Partial<HotlineState> = { status: 'assigned', signedAt: null, firstContactDueAt: null };
const LATER = at('2026-11-30 10:00');

/** A row: label, the order's changes, the expected judgement, and the instant it is judged at (default: long after). */
type Row = readonly [string, Partial<HotlineState>, Judgement, number?];

const judged = (
	verdict: Judgement['verdict'],
	dueAt: number | null,
	countedAt: number | null,
	reason: JudgementReason
): Judgement => ({ verdict, dueAt, countedAt, reason });

/**
 * The five edges every clock has: done before, exactly at and 1 ms after the due instant, and still open at it
 * and 1 ms past it. `done(when)` is the order with the counted step taken at `when`.
 */
function edgesOf(
	due: number,
	done: (when: number) => Partial<HotlineState>,
	before: number,
	reasons: { onTime: JudgementReason; late: JudgementReason; awaiting: JudgementReason; overdue: JudgementReason }
): Row[] {
	return [
		['done before the due instant', done(before), judged('on_time', due, before, reasons.onTime)],
		['done exactly at the due instant (24:00)', done(due), judged('on_time', due, due, reasons.onTime)],
		['done 1 ms after the due instant', done(due + 1), judged('late', due, due + 1, reasons.late)],
		['still open, due instant not passed (now = due)', {}, judged('pending', due, null, reasons.awaiting), due],
		[
			'still open 1 ms past the due instant: late, though nobody closed it',
			{},
			judged('late', due, null, reasons.overdue),
			due + 1
		]
	];
}

describe('judgeFirstContact (先行联系 ≤ 1 wd after 签收)', () => {
	const TABLE: readonly Row[] = [
		...edgesOf(CONTACT_DUE, contacted, at('2026-09-29 16:00'), {
			onTime: 'contacted_before_due',
			late: 'contacted_after_due',
			awaiting: 'awaiting_contact',
			overdue: 'no_contact_past_due'
		}),
		['not signed yet: no window', NOT_SIGNED, judged('pending', null, null, 'not_signed')],
		['anonymous order (no phone)', { hasPhone: false }, judged('excluded', CONTACT_DUE, null, 'excluded_no_phone')],
		[
			'no phone, not even signed',
			{ ...NOT_SIGNED, hasPhone: false },
			judged('excluded', null, null, 'excluded_no_phone')
		],
		[
			'logged "no usable number"',
			{ firstContactAt: at('2026-09-29 09:00'), contactOutcome: 'no_phone' },
			judged('excluded', CONTACT_DUE, at('2026-09-29 09:00'), 'excluded_no_phone')
		],
		[
			'citizen declined contact',
			{ firstContactAt: at('2026-09-30 09:00'), contactOutcome: 'declined', contactMethod: 'phone' },
			judged('excluded', CONTACT_DUE, at('2026-09-30 09:00'), 'excluded_declined')
		],
		[
			'退单 approved inside the window, no contact',
			{ status: 'returned', returnApprovedAt: at('2026-09-29 12:00') },
			judged('excluded', CONTACT_DUE, null, 'excluded_returned_in_window')
		],
		[
			'退单 approved exactly at the due instant',
			{ status: 'returned', returnApprovedAt: CONTACT_DUE },
			judged('excluded', CONTACT_DUE, null, 'excluded_returned_in_window')
		],
		[
			'退单 approved before 签收',
			{ ...NOT_SIGNED, status: 'returned', returnApprovedAt: at('2026-09-28 11:00') },
			judged('excluded', null, null, 'excluded_returned_in_window')
		],
		[
			'退单 approved after the window, never contacted: still late',
			{ status: 'returned', returnApprovedAt: CONTACT_DUE + 1 },
			judged('late', CONTACT_DUE, null, 'no_contact_past_due')
		],
		[
			'退单 approved after the window, contacted in time: on time',
			{ ...contacted(at('2026-09-28 15:00')), status: 'returned', returnApprovedAt: at('2026-10-08 10:00') },
			judged('on_time', CONTACT_DUE, at('2026-09-28 15:00'), 'contacted_before_due')
		]
	];
	it.for(TABLE)('%s', ([, over, expected, now = LATER]) => {
		expect(judgeFirstContact(order(over), now)).toStrictEqual(expected);
	});
});

describe('judgeCompletion (按时办结: the first 答复 ≤ deadline)', () => {
	const replied = (when: number, extra: Partial<HotlineState> = {}): Partial<HotlineState> => ({
		...contacted(at('2026-09-28 15:00')),
		status: 'replied',
		firstReplyAt: when,
		lastReplyAt: when,
		replyResolved: true,
		...extra
	});
	const TABLE: readonly Row[] = [
		...edgesOf(DEADLINE, (when) => replied(when), at('2026-10-09 15:00'), {
			onTime: 'replied_before_due',
			late: 'replied_after_due',
			awaiting: 'awaiting_reply',
			overdue: 'no_reply_past_due'
		}),
		[
			'an approved 延期 applies',
			replied(at('2026-10-15 10:00'), { deadlineAt: EXTENDED }),
			judged('on_time', EXTENDED, at('2026-10-15 10:00'), 'replied_before_due')
		],
		[
			'退单 approved',
			{ status: 'returned', returnApprovedAt: at('2026-09-29 10:00') },
			judged('excluded', DEADLINE, null, 'excluded_returned')
		],
		[
			'重办 answered late does not change an on-time first reply',
			replied(at('2026-10-09 15:00'), {
				lastReplyAt: at('2026-10-20 10:00'),
				redoDeadlineAt: endOf('2026-10-15'),
				redoCount: 1
			}),
			judged('on_time', DEADLINE, at('2026-10-09 15:00'), 'replied_before_due')
		],
		[
			'a late first reply stays late after an on-time 重办',
			replied(DEADLINE + 60_000, {
				status: 'completed',
				lastReplyAt: at('2026-10-14 10:00'),
				redoCount: 1,
				completedAt: at('2026-10-15 10:00')
			}),
			judged('late', DEADLINE, DEADLINE + 60_000, 'replied_after_due')
		]
	];
	it.for(TABLE)('%s', ([, over, expected, now = LATER]) => {
		expect(judgeCompletion(order(over), now)).toStrictEqual(expected);
	});
});
