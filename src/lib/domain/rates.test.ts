import { describe, expect, it } from 'vitest';
import { at, endOf } from './fixtures/time';
import {
	addShare,
	addVerdict,
	dueDate,
	emptyCount,
	formatRate,
	judgeGridEfficient,
	judgeGridOnTime,
	rateValue,
	type GridRateFacts
} from './rates';

const DUE = endOf('2026-10-09');
const EFF = at('2026-10-08 12:00');
const base: GridRateFacts = {
	status: 'closed',
	hasLimit: true,
	deadlineAt: DUE,
	efficientDeadlineAt: EFF,
	feedbackAt: at('2026-10-08 10:00'),
	closedAt: at('2026-10-10 09:00'),
	checkDueAt: null
};
const AFTER = at('2026-10-20 09:00');
const BEFORE = at('2026-10-09 10:00');

describe('grid 按时办结 per case', () => {
	it.each([
		['closed, feedback before the deadline (closing later does not matter)', {}, AFTER, 'on_time', 'closed_before_due'],
		['closed, feedback exactly at the deadline', { feedbackAt: DUE }, AFTER, 'on_time', 'closed_before_due'],
		['closed, feedback a minute late', { feedbackAt: DUE + 60_000 }, AFTER, 'late', 'closed_after_due'],
		[
			'返工: judged on the final feedback, which was late',
			{ feedbackAt: DUE + 3_600_000 },
			AFTER,
			'late',
			'closed_after_due'
		],
		[
			'still handling, deadline not reached',
			{ status: 'handling', feedbackAt: null, closedAt: null },
			BEFORE,
			'pending',
			'awaiting_handling'
		],
		[
			'still handling past the deadline: backlog counts as late',
			{ status: 'handling', feedbackAt: null, closedAt: null },
			AFTER,
			'late',
			'open_past_due'
		],
		[
			'延期 requested but not approved: the old deadline stands',
			{ status: 'extension_requested', feedbackAt: null, closedAt: null },
			AFTER,
			'late',
			'open_past_due'
		],
		[
			'feedback in time, 核查 not yet due: not decided yet',
			{ status: 'feedback', closedAt: null, checkDueAt: at('2026-10-08 12:00') },
			BEFORE,
			'pending',
			'awaiting_check'
		],
		[
			'feedback in time, 核查 passed: decided by the feedback (结案 only records it)',
			{ status: 'checked', closedAt: null },
			BEFORE,
			'on_time',
			'checked_before_due'
		],
		[
			'feedback late, waiting for 核查: late already',
			{ status: 'feedback', feedbackAt: DUE + 1, closedAt: null, checkDueAt: DUE + 7_200_000 },
			AFTER,
			'late',
			'open_past_due'
		],
		[
			'返工 after an in-time feedback, now back in handling past the deadline',
			{ status: 'handling', feedbackAt: at('2026-10-08 10:00'), closedAt: null },
			AFTER,
			'late',
			'open_past_due'
		],
		[
			'not dispatched yet (no handling clock)',
			{ status: 'registered', deadlineAt: null, feedbackAt: null, closedAt: null },
			AFTER,
			'pending',
			'not_dispatched'
		],
		[
			'作废',
			{ status: 'void', deadlineAt: null, feedbackAt: null, closedAt: at('2026-10-02 10:00') },
			AFTER,
			'excluded',
			'excluded_void'
		],
		[
			'挂账: out of the denominators while parked',
			{ status: 'parked', feedbackAt: null, closedAt: null },
			AFTER,
			'excluded',
			'excluded_parked'
		],
		[
			'存量违建 (no daily limit), even when closed',
			{ hasLimit: false, deadlineAt: null },
			AFTER,
			'excluded',
			'excluded_no_limit'
		]
	] as const)('%s', (_label, patch, now, verdict, reason) => {
		expect(judgeGridOnTime({ ...base, ...patch }, now)).toMatchObject({ verdict, reason });
	});

	describe('the 核查 backlog rule', () => {
		// "A case whose 处置反馈 came in time but whose 核查 has not passed by the 核查 limit (2 working
		// hours after the feedback, or the handling deadline, whichever is later) counts as late until
		// the 核查 passes; a case whose 核查 passed in time is decided by its feedback, and 结案 only
		// records it."
		const waiting = { ...base, status: 'feedback', closedAt: null };
		it('feedback well before the deadline: the handling deadline is the later limit', () => {
			const facts = { ...waiting, feedbackAt: at('2026-10-08 10:00'), checkDueAt: at('2026-10-08 12:00') };
			expect(judgeGridOnTime(facts, at('2026-10-08 13:00'))).toMatchObject({
				verdict: 'pending',
				reason: 'awaiting_check'
			});
			expect(judgeGridOnTime(facts, DUE)).toMatchObject({ verdict: 'pending', reason: 'awaiting_check' });
			expect(judgeGridOnTime(facts, DUE + 1)).toMatchObject({ verdict: 'late', reason: 'check_overdue' });
		});
		it('feedback just before the deadline: the 核查 keeps its own 2 working hours past it', () => {
			const checkDueAt = at('2026-10-10 10:00'); // its 2 working hours run into the next working day
			const facts = { ...waiting, feedbackAt: at('2026-10-09 17:30'), checkDueAt };
			expect(judgeGridOnTime(facts, DUE + 1)).toMatchObject({ verdict: 'pending', reason: 'awaiting_check' });
			expect(judgeGridOnTime(facts, checkDueAt)).toMatchObject({ verdict: 'pending' });
			expect(judgeGridOnTime(facts, checkDueAt + 1)).toMatchObject({ verdict: 'late', reason: 'check_overdue' });
		});
		it('once the 核查 passes, even late, the case is decided by its feedback: on time', () => {
			expect(judgeGridOnTime({ ...waiting, status: 'checked', checkDueAt: null }, AFTER)).toMatchObject({
				verdict: 'on_time'
			});
			expect(judgeGridOnTime({ ...base }, AFTER)).toMatchObject({ verdict: 'on_time' });
		});
		it('a 核查 waiting past its limit is not efficient either, until it passes', () => {
			const facts = { ...waiting, feedbackAt: at('2026-10-08 10:00'), checkDueAt: at('2026-10-08 12:00') };
			expect(judgeGridEfficient(facts, AFTER)).toMatchObject({ verdict: 'late' });
			expect(judgeGridEfficient({ ...facts, status: 'checked' }, AFTER)).toMatchObject({
				verdict: 'on_time',
				reason: 'efficient'
			});
		});
	});

	it('the deadline judged against is the one stored (延期 and 挂账 already applied) and decides the period', () => {
		expect(judgeGridOnTime(base, AFTER).dueAt).toBe(DUE);
		expect(dueDate(DUE)).toBe('2026-10-09');
	});
});

describe('grid 高效处置 per case', () => {
	it.each([
		['feedback within the efficient limit', {}, 'on_time', 'efficient'],
		['in time, but after the efficient limit', { feedbackAt: at('2026-10-08 13:00') }, 'late', 'not_efficient'],
		['late altogether', { feedbackAt: DUE + 1 }, 'late', 'not_efficient'],
		['no efficient deadline recorded', { efficientDeadlineAt: null }, 'late', 'not_efficient']
	] as const)('%s', (_label, patch, verdict, reason) => {
		expect(judgeGridEfficient({ ...base, ...patch }, AFTER)).toMatchObject({ verdict, reason });
	});
	it('has the same denominator as 按时办结: undecided and excluded cases stay so', () => {
		expect(judgeGridEfficient({ ...base, status: 'handling', feedbackAt: null, closedAt: null }, BEFORE)).toMatchObject(
			{ verdict: 'pending' }
		);
		expect(judgeGridEfficient({ ...base, status: 'void' }, AFTER)).toMatchObject({ verdict: 'excluded' });
		expect(judgeGridEfficient({ ...base, status: 'handling', feedbackAt: null, closedAt: null }, AFTER)).toMatchObject({
			verdict: 'late',
			reason: 'not_efficient'
		});
	});
});

describe('counting and rounding', () => {
	it('counts each verdict where it belongs', () => {
		const c = emptyCount();
		for (const v of ['on_time', 'on_time', 'late', 'pending', 'excluded', 'excluded'] as const) addVerdict(c, v);
		expect(c).toEqual({ numerator: 2, denominator: 3, excluded: 2, undecided: 1 });
		const s = emptyCount();
		addShare(s, true, true);
		addShare(s, true, false);
		addShare(s, false, true);
		expect(s).toEqual({ numerator: 1, denominator: 2, excluded: 0, undecided: 0 });
	});
	it.each([
		[602, 603, '99.83%', 0.9983],
		[423, 603, '70.15%', 0.7015],
		[147, 151, '97.35%', 0.9735],
		[10, 10, '100.00%', 1],
		[1, 3, '33.33%', 0.3333],
		[2, 3, '66.67%', 0.6667],
		[1, 8, '12.50%', 0.125], // exactly half a basis point rounds up
		[0, 5, '0.00%', 0],
		[0, 0, '—', null]
	])('%i / %i → %s', (numerator, denominator, text, value) => {
		expect(formatRate({ numerator, denominator })).toBe(text);
		expect(rateValue({ numerator, denominator })).toBe(value);
	});
	it("a deadline at 24:00 on New Year's Eve belongs to the old year; one minute past midnight to the new", () => {
		expect(dueDate(endOf('2023-12-31'))).toBe('2023-12-31');
		expect(dueDate(endOf('2023-12-31') + 60_000)).toBe('2024-01-01');
		expect(dueDate(endOf('2023-01-31'))).toBe('2023-01-31');
	});
});
