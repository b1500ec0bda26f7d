// Per-order on-time judgements: 先行联系率 and 12345 按时办结率 are built from these.
import type { HotlineState } from './hotline-state';

/** Why a verdict was reached; a code the UI translates and shows next to the rule. */
export type JudgementReason =
	| 'contacted_before_due'
	| 'contacted_after_due'
	| 'no_contact_past_due'
	| 'not_signed'
	| 'awaiting_contact'
	| 'excluded_no_phone'
	| 'excluded_declined'
	| 'excluded_returned_in_window'
	| 'replied_before_due'
	| 'replied_after_due'
	| 'no_reply_past_due'
	| 'awaiting_reply'
	| 'excluded_returned';

/**
 * on_time / late are decided (they count in the rate); pending is not decided yet (listed, not
 * counted); excluded never counts. `dueAt` is the deadline judged against, `countedAt` the instant
 * that counted (the contact or the reply), null when there is none.
 */
export interface Judgement {
	verdict: 'on_time' | 'late' | 'pending' | 'excluded';
	dueAt: number | null;
	countedAt: number | null;
	reason: JudgementReason;
}

type FirstContactFields = Pick<
	HotlineState,
	'hasPhone' | 'contactOutcome' | 'firstContactDueAt' | 'firstContactAt' | 'returnApprovedAt'
>;
type CompletionFields = Pick<HotlineState, 'deadlineAt' | 'firstReplyAt' | 'returnApprovedAt'>;

/** 先行联系: contact logged ≤ 1 wd after 签收. */
export function judgeFirstContact(s: FirstContactFields, now: number): Judgement {
	const dueAt = s.firstContactDueAt;
	const judged = (
		verdict: Judgement['verdict'],
		reason: JudgementReason,
		countedAt: number | null = null
	): Judgement => ({
		verdict,
		dueAt,
		countedAt,
		reason
	});
	// Exclusions: anonymous or no phone, citizen declined, 退单 approved inside the window — orders
	// nobody could or should have called do not count against the handler.
	if (!s.hasPhone || s.contactOutcome === 'no_phone') return judged('excluded', 'excluded_no_phone', s.firstContactAt);
	if (s.contactOutcome === 'declined') return judged('excluded', 'excluded_declined', s.firstContactAt);
	// Returned before 签收 (no window opened yet) or at/before the due instant: inside the window.
	if (s.returnApprovedAt !== null && (dueAt === null || s.returnApprovedAt <= dueAt)) {
		return judged('excluded', 'excluded_returned_in_window', s.firstContactAt);
	}
	if (dueAt === null) return judged('pending', 'not_signed');
	if (s.firstContactAt !== null) {
		return s.firstContactAt <= dueAt
			? judged('on_time', 'contacted_before_due', s.firstContactAt)
			: judged('late', 'contacted_after_due', s.firstContactAt);
	}
	// No contact logged: decided as late once the window has passed.
	return now > dueAt ? judged('late', 'no_contact_past_due') : judged('pending', 'awaiting_contact');
}

/**
 * 按时办结: the first 答复 ≤ the 办结 deadline (an approved 延期 applies). GridCase rule: the first
 * reply is judged; a 重办 after 不满意 runs on its own 3 wd clock and does not change this verdict.
 */
export function judgeCompletion(s: CompletionFields, now: number): Judgement {
	const dueAt = s.deadlineAt;
	if (s.returnApprovedAt !== null)
		return { verdict: 'excluded', dueAt, countedAt: s.firstReplyAt, reason: 'excluded_returned' };
	if (s.firstReplyAt !== null) {
		const onTime = s.firstReplyAt <= dueAt;
		return {
			verdict: onTime ? 'on_time' : 'late',
			dueAt,
			countedAt: s.firstReplyAt,
			reason: onTime ? 'replied_before_due' : 'replied_after_due'
		};
	}
	// An open order past its deadline counts as late: backlog never makes a rate look better.
	if (now > dueAt) return { verdict: 'late', dueAt, countedAt: null, reason: 'no_reply_past_due' };
	return { verdict: 'pending', dueAt, countedAt: null, reason: 'awaiting_reply' };
}
