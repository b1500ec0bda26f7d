import { describe, expect, it } from 'vitest';
import {
	currentClock,
	decisionDeadline,
	naturalDaysDeadline,
	paymentDeadline,
	rectifyDeadline,
	statementDeadline
} from './enforcement-clocks';
import { amountDue, daysLate, formatYuan, parseYuan, surcharge } from './enforcement-money';
import { at, cal, endOf } from './fixtures/time';

// Each legal clock on the official calendar (calendar-cn.json, 2026).
describe('legal clocks', () => {
	it.each([
		['a plain week', '2026-09-14 10:00', '2026-09-17'],
		['across the National Day break', '2026-09-29 15:00', '2026-10-09'],
		['the make-up Saturday 10-10 counts', '2026-10-08 09:00', '2026-10-12'],
		['a notice given on a Sunday starts counting Monday', '2026-11-29 10:00', '2026-12-02'],
		['across 春节 with the make-up Saturday 02-14', '2026-02-12 10:00', '2026-02-24']
	])('陈述申辩 3 working days: %s', (_label, notice, lastDay) => {
		expect(statementDeadline(at(notice), cal)).toBe(endOf(lastDay));
	});

	it.each([
		['ends on a working day', '2026-07-10 11:00', '2026-10-08'],
		['ends on Saturday 10-03 inside the break → the next working day', '2026-07-05 11:00', '2026-10-08'],
		['ends on a make-up Sunday, which is a working day', '2026-06-22 11:00', '2026-09-20']
	])('处罚决定 within 90 days of 立案: %s', (_label, registered, lastDay) => {
		expect(decisionDeadline(at(registered), cal)).toBe(endOf(lastDay));
	});

	it.each([
		['ends on a working day', '2026-10-12 10:00', '2026-10-27'],
		['ends on 10-01 → after the break', '2026-09-16 10:00', '2026-10-08'],
		['ends in 春节 → the first working day after it', '2026-02-01 10:00', '2026-02-24'],
		['ends on make-up Sunday 09-20', '2026-09-05 10:00', '2026-09-20'],
		['across the year end', '2026-12-20 10:00', '2027-01-04']
	])('缴款 within 15 days of the decision: %s', (_label, decided, lastDay) => {
		expect(paymentDeadline(at(decided), cal)).toBe(endOf(lastDay));
	});

	it('a period of zero days ends at the end of the start day (or the next working day)', () => {
		expect(naturalDaysDeadline(at('2026-09-29 10:00'), 0, cal)).toBe(endOf('2026-09-29'));
		expect(naturalDaysDeadline(at('2026-10-03 10:00'), 0, cal)).toBe(endOf('2026-10-08'));
	});

	it('先行告知整改: 30 natural minutes, or as configured', () => {
		expect(rectifyDeadline(at('2026-10-03 23:50'))).toBe(at('2026-10-04 00:20'));
		expect(rectifyDeadline(at('2026-10-03 23:50'), 120)).toBe(at('2026-10-04 01:50'));
	});

	it("the current clock follows the status; warnings at 75 % in the clock's own time", () => {
		const dates = {
			stageStartedAt: at('2026-09-30 16:30'),
			rectifyDueAt: null,
			registeredAt: at('2026-07-10 11:00'),
			decisionDueAt: endOf('2026-10-08'),
			statementDueAt: null,
			noticeAt: null,
			decisionAt: null,
			paymentDueAt: null
		};
		// 1 working hour from 16:30 on the last day before the break: 30 min that day, 30 after the break.
		expect(currentClock('pending_notice', dates, cal)).toEqual({
			kind: 'notify',
			startedAt: dates.stageStartedAt,
			deadlineAt: at('2026-10-08 09:30'),
			warnAt: at('2026-10-08 09:15')
		});
		expect(currentClock('pending_decision', dates, cal)).toMatchObject({
			kind: 'decision',
			startedAt: at('2026-07-10 11:00'),
			deadlineAt: endOf('2026-10-08')
		});
		expect(currentClock('closed', dates, cal)).toBeNull();
		expect(currentClock('cancelled', dates, cal)).toBeNull();
	});
});

describe('late payment (行政处罚法 §72)', () => {
	const due = endOf('2026-10-27');
	it.each([
		['2026-10-20', 0],
		['2026-10-27', 0],
		['2026-10-28', 1],
		['2026-11-06', 10]
	])('paid on %s → %i days late', (paidOn, late) => {
		expect(daysLate(due, paidOn)).toBe(late);
	});
	it('3 % a day, never more than the fine', () => {
		expect(surcharge(50_000, 10)).toBe(15_000);
		expect(surcharge(50_000, 33)).toBe(49_500);
		expect(surcharge(50_000, 34)).toBe(50_000);
		expect(surcharge(50_000, 400)).toBe(50_000);
		expect(amountDue(20_000, due, '2026-11-06')).toEqual({
			fine: 20_000,
			surcharge: 6_000,
			total: 26_000,
			daysLate: 10
		});
	});
	it('reads and writes 元 amounts in 分', () => {
		expect(parseYuan('500')).toBe(50_000);
		expect(parseYuan('500.5')).toBe(50_050);
		expect(parseYuan(' 0.05 ')).toBe(5);
		for (const bad of ['', '-5', '5.005', '1e3', '五百', '12,000']) expect(parseYuan(bad)).toBeNull();
		expect(formatYuan(56_000)).toBe('560.00');
		expect(formatYuan(5)).toBe('0.05');
	});
});
