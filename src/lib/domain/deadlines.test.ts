import { describe, it, expect } from 'vitest';
import {
	computeDeadline,
	countdown,
	describeLimit,
	extendForPause,
	formatDeadline,
	warningInstant,
	formatRemaining,
	type LimitUnit
} from './deadlines';
import { cal, fmt, t } from './fixtures/time';
import { HOUR_SUMS, PAUSES, WORKING_DAY_SUMS } from './fixtures/calendar-facts';

const H = 3_600_000;
const MIN = 60_000;
/** 24:00 of a Shanghai date, written independently of the code under test (no DST in Shanghai). */
const endOf = (date: string): number => t(`${date}T00:00+08:00`) + 24 * H;

describe('computeDeadline: working days (wd)', () => {
	it.each(WORKING_DAY_SUMS)('%s 10:00 + %i wd → end of %s (%s)', (date, n, expected) => {
		expect(fmt(computeDeadline(t(`${date}T10:00+08:00`), { value: n, unit: 'wd' }, cal))).toBe(fmt(endOf(expected)));
	});

	// The time of day and the offset it is written in never move a wd deadline off the start's Shanghai date.
	it.each([
		['2026-02-13T15:00+08:00', 1, '2026-02-14', 'afternoon start: 调休 Saturday'],
		['2026-09-30T08:00+08:00', 1, '2026-10-08', 'early start: 国庆 2026'],
		['2025-09-26T23:59+08:00', 1, '2025-09-28', 'late evening counts as its own date; 调休 Sunday'],
		['2025-09-18T16:00:00Z', 1, '2025-09-22', 'UTC Thursday 16:00 is already Friday in Shanghai']
	])('%s + %i wd → end of %s (%s)', (start, n, date) => {
		expect(fmt(computeDeadline(t(start), { value: n, unit: 'wd' }, cal))).toBe(fmt(endOf(date)));
	});

	it('rejects fractional or negative working days', () => {
		expect(() => computeDeadline(t('2025-09-26T10:00+08:00'), { value: 1.5, unit: 'wd' }, cal)).toThrow(RangeError);
		expect(() => computeDeadline(t('2025-09-26T10:00+08:00'), { value: -1, unit: 'h24' }, cal)).toThrow(RangeError);
	});
});

describe('computeDeadline: working hours (wh) and natural hours (h24)', () => {
	it.each(HOUR_SUMS)('%s + %f %s → %s (%s)', (start, value, unit, expected) => {
		expect(fmt(computeDeadline(t(start), { value, unit }, cal))).toBe(expected);
	});
});

describe.each(PAUSES)('extendForPause (挂账 stops the clock) in $unit: $rule', ({ unit, rows }) => {
	it.each(rows)('deadline %s paused %s → %s → %s', (deadline, from, to, expected) => {
		expect(fmt(extendForPause(t(deadline), t(from), t(to), unit, cal))).toBe(expected);
	});
});

describe('countdown', () => {
	const start = '2025-09-24T09:00+08:00';
	const deadline = '2025-09-24T13:00+08:00';
	it.each([
		['2025-09-24T09:00+08:00', 'green', 4 * H, 0],
		['2025-09-24T11:59+08:00', 'green', 61 * MIN, 179 / 240],
		['2025-09-24T12:00+08:00', 'yellow', H, 0.75],
		['2025-09-24T12:59+08:00', 'yellow', MIN, 239 / 240],
		['2025-09-24T13:00+08:00', 'yellow', 0, 1],
		['2025-09-24T13:01+08:00', 'red', -MIN, 241 / 240],
		['2025-09-25T13:00+08:00', 'red', -24 * H, 7]
	] as Array<[string, string, number, number]>)('at %s → %s', (now, level, remainingMs, usedRatio) => {
		const c = countdown(t(start), t(deadline), t(now));
		expect(c.level).toBe(level);
		expect(c.remainingMs).toBe(remainingMs);
		expect(c.usedRatio).toBeCloseTo(usedRatio, 12);
	});

	it.each([
		[0, 4 * H, 3 * H - 1, 'green'],
		[0, 4 * H, 3 * H, 'yellow'],
		[0, 4 * H, 4 * H, 'yellow'],
		[0, 4 * H, 4 * H + 1, 'red'],
		[0, 7, 5, 'green'],
		[0, 7, 6, 'yellow'],
		[1_000, 1_000 + 3 * 333_333, 1_000 + 3 * 249_999 + 3, 'yellow'],
		[1_000, 1_000 + 3 * 333_333, 1_000 + 3 * 249_999 + 2, 'green']
	] as Array<[number, number, number, string]>)('exact threshold: span %i–%i, now %i → %s', (s0, d, now, level) => {
		expect(countdown(s0, d, now).level).toBe(level);
	});

	it('treats a deadline at or before the start as fully used', () => {
		expect(countdown(1000, 1000, 1000)).toEqual({ level: 'yellow', remainingMs: 0, usedRatio: 1 });
		expect(countdown(1000, 1000, 1001).level).toBe('red');
	});
});

describe('formatRemaining and describeLimit', () => {
	it.each([
		[0, { days: 0, hours: 0, minutes: 0, overdue: false }],
		[59_999, { days: 0, hours: 0, minutes: 0, overdue: false }],
		[((26 * 60 + 5) * 60 + 30) * 1000, { days: 1, hours: 2, minutes: 5, overdue: false }],
		[-90 * MIN, { days: 0, hours: 1, minutes: 30, overdue: true }],
		[-3 * 24 * H, { days: 3, hours: 0, minutes: 0, overdue: true }]
	])('formatRemaining(%i)', (ms, expected) => {
		expect(formatRemaining(ms)).toEqual(expected);
	});

	it.each([
		[{ value: 3, unit: 'wd' }, '3 工作日'],
		[{ value: 4, unit: 'wh' }, '4 工作时'],
		[{ value: 0.5, unit: 'wh' }, '0.5 工作时'],
		[{ value: 2, unit: 'h24' }, '2 小时']
	] as Array<[{ value: number; unit: LimitUnit }, string]>)('describeLimit(%j) = %s', (limit, expected) => {
		expect(describeLimit(limit)).toBe(expected);
	});
});

describe('formatDeadline', () => {
	it.each([
		['2026-10-11T00:00:00+08:00', '2026-10-10 24:00'],
		['2026-10-09T15:30:00+08:00', '2026-10-09 15:30'],
		['2027-01-01T00:00:00+08:00', '2026-12-31 24:00']
	])('%s → %s', (iso, expected) => {
		expect(formatDeadline(Date.parse(iso))).toBe(expected);
	});
});

describe('warningInstant: 75 % of the step, in the limit’s own unit', () => {
	it.each([
		['h24: natural time', '2026-09-29T10:00+08:00', t('2026-09-29T14:00+08:00'), 'h24', '2026-09-29T13:00+08:00'],
		[
			'wh: a 1 wh step started at 16:30 turns yellow at 09:15 the next working day',
			'2026-09-29T16:30+08:00',
			t('2026-09-30T09:30+08:00'),
			'wh',
			'2026-09-30T09:15+08:00'
		],
		[
			'wd: 3 wd over the National Day break turns yellow on 10-08, not in the holiday',
			'2026-09-28T10:00+08:00',
			endOf('2026-10-08'),
			'wd',
			'2026-10-08T09:15+08:00'
		]
	] as const)('%s', (_name, start, deadline, unit, expected) => {
		expect(warningInstant(t(start), deadline, unit, cal)).toBe(t(expected));
	});

	it('countdown uses the given warning instant', () => {
		const start = t('2026-09-29T16:30+08:00');
		const due = t('2026-09-30T09:30+08:00');
		const warn = warningInstant(start, due, 'wh', cal);
		expect(countdown(start, due, t('2026-09-30T06:00+08:00'), warn).level).toBe('green');
		expect(countdown(start, due, warn, warn).level).toBe('yellow');
	});
});
