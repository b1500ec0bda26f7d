import { describe, expect, it } from 'vitest';
import { judgeCompletion, judgeFirstContact, type Judgement } from './hotline-timing';
import type { HotlineState } from './hotline-workflow';
import { at, endOf } from './fixtures/time';
import { CONTACT_DUE, DEADLINE, NOT_CONTACTED, stateIn } from './hotline-workflow.fixtures';

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

describe('judgeFirstContact (先行联系 ≤ 1 wd after 签收)', () => {
	const TABLE: ReadonlyArray<readonly [string, Partial<HotlineState>, number, Judgement]> = [
		[
			'contacted the next afternoon',
			contacted(at('2026-09-29 16:00')),
			LATER,
			{ verdict: 'on_time', dueAt: CONTACT_DUE, countedAt: at('2026-09-29 16:00'), reason: 'contacted_before_due' }
		],
		[
			'contacted exactly at the due instant (24:00)',
			contacted(CONTACT_DUE),
			LATER,
			{ verdict: 'on_time', dueAt: CONTACT_DUE, countedAt: CONTACT_DUE, reason: 'contacted_before_due' }
		],
		[
			'contacted 1 ms after the due instant',
			contacted(CONTACT_DUE + 1),
			LATER,
			{ verdict: 'late', dueAt: CONTACT_DUE, countedAt: CONTACT_DUE + 1, reason: 'contacted_after_due' }
		],
		[
			'no contact yet, window still open (now = due)',
			{},
			CONTACT_DUE,
			{ verdict: 'pending', dueAt: CONTACT_DUE, countedAt: null, reason: 'awaiting_contact' }
		],
		[
			'no contact, window passed: decided late',
			{},
			CONTACT_DUE + 1,
			{ verdict: 'late', dueAt: CONTACT_DUE, countedAt: null, reason: 'no_contact_past_due' }
		],
		[
			'not signed yet: no window',
			NOT_SIGNED,
			LATER,
			{ verdict: 'pending', dueAt: null, countedAt: null, reason: 'not_signed' }
		],
		[
			'anonymous order (no phone)',
			{ hasPhone: false },
			LATER,
			{ verdict: 'excluded', dueAt: CONTACT_DUE, countedAt: null, reason: 'excluded_no_phone' }
		],
		[
			'no phone, not even signed',
			{ ...NOT_SIGNED, hasPhone: false },
			LATER,
			{ verdict: 'excluded', dueAt: null, countedAt: null, reason: 'excluded_no_phone' }
		],
		[
			'logged "no usable number"',
			{ firstContactAt: at('2026-09-29 09:00'), contactOutcome: 'no_phone' },
			LATER,
			{ verdict: 'excluded', dueAt: CONTACT_DUE, countedAt: at('2026-09-29 09:00'), reason: 'excluded_no_phone' }
		],
		[
			'citizen declined contact',
			{ firstContactAt: at('2026-09-30 09:00'), contactOutcome: 'declined', contactMethod: 'phone' },
			LATER,
			{ verdict: 'excluded', dueAt: CONTACT_DUE, countedAt: at('2026-09-30 09:00'), reason: 'excluded_declined' }
		],
		[
			'退单 approved inside the window, no contact',
			{ status: 'returned', returnApprovedAt: at('2026-09-29 12:00') },
			LATER,
			{ verdict: 'excluded', dueAt: CONTACT_DUE, countedAt: null, reason: 'excluded_returned_in_window' }
		],
		[
			'退单 approved exactly at the due instant',
			{ status: 'returned', returnApprovedAt: CONTACT_DUE },
			LATER,
			{ verdict: 'excluded', dueAt: CONTACT_DUE, countedAt: null, reason: 'excluded_returned_in_window' }
		],
		[
			'退单 approved before 签收',
			{ ...NOT_SIGNED, status: 'returned', returnApprovedAt: at('2026-09-28 11:00') },
			LATER,
			{ verdict: 'excluded', dueAt: null, countedAt: null, reason: 'excluded_returned_in_window' }
		],
		[
			'退单 approved after the window, never contacted: still late',
			{ status: 'returned', returnApprovedAt: CONTACT_DUE + 1 },
			LATER,
			{ verdict: 'late', dueAt: CONTACT_DUE, countedAt: null, reason: 'no_contact_past_due' }
		],
		[
			'退单 approved after the window, contacted in time: on time',
			{ ...contacted(at('2026-09-28 15:00')), status: 'returned', returnApprovedAt: at('2026-10-08 10:00') },
			LATER,
			{ verdict: 'on_time', dueAt: CONTACT_DUE, countedAt: at('2026-09-28 15:00'), reason: 'contacted_before_due' }
		]
	];
	it.each(TABLE)('%s', (_label, over, now, expected) => {
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
	const TABLE: ReadonlyArray<readonly [string, Partial<HotlineState>, number, Judgement]> = [
		[
			'replied before the deadline',
			replied(at('2026-10-09 15:00')),
			LATER,
			{ verdict: 'on_time', dueAt: DEADLINE, countedAt: at('2026-10-09 15:00'), reason: 'replied_before_due' }
		],
		[
			'replied exactly at the deadline',
			replied(DEADLINE),
			LATER,
			{ verdict: 'on_time', dueAt: DEADLINE, countedAt: DEADLINE, reason: 'replied_before_due' }
		],
		[
			'replied 1 ms late',
			replied(DEADLINE + 1),
			LATER,
			{ verdict: 'late', dueAt: DEADLINE, countedAt: DEADLINE + 1, reason: 'replied_after_due' }
		],
		[
			'open, deadline not reached: undecided',
			{},
			DEADLINE,
			{ verdict: 'pending', dueAt: DEADLINE, countedAt: null, reason: 'awaiting_reply' }
		],
		[
			'open past the deadline: late, though nobody closed it',
			{},
			DEADLINE + 1,
			{ verdict: 'late', dueAt: DEADLINE, countedAt: null, reason: 'no_reply_past_due' }
		],
		[
			'an approved 延期 applies',
			replied(at('2026-10-15 10:00'), { deadlineAt: EXTENDED }),
			LATER,
			{ verdict: 'on_time', dueAt: EXTENDED, countedAt: at('2026-10-15 10:00'), reason: 'replied_before_due' }
		],
		[
			'退单 approved',
			{ status: 'returned', returnApprovedAt: at('2026-09-29 10:00') },
			LATER,
			{ verdict: 'excluded', dueAt: DEADLINE, countedAt: null, reason: 'excluded_returned' }
		],
		[
			'重办 answered late does not change an on-time first reply',
			replied(at('2026-10-09 15:00'), {
				lastReplyAt: at('2026-10-20 10:00'),
				redoDeadlineAt: endOf('2026-10-15'),
				redoCount: 1
			}),
			LATER,
			{ verdict: 'on_time', dueAt: DEADLINE, countedAt: at('2026-10-09 15:00'), reason: 'replied_before_due' }
		],
		[
			'a late first reply stays late after an on-time 重办',
			replied(DEADLINE + 60_000, {
				status: 'completed',
				lastReplyAt: at('2026-10-14 10:00'),
				redoCount: 1,
				completedAt: at('2026-10-15 10:00')
			}),
			LATER,
			{ verdict: 'late', dueAt: DEADLINE, countedAt: DEADLINE + 60_000, reason: 'replied_after_due' }
		]
	];
	it.each(TABLE)('%s', (_label, over, now, expected) => {
		expect(judgeCompletion(order(over), now)).toStrictEqual(expected);
	});
});
