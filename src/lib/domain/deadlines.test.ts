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

const H = 3_600_000;
const MIN = 60_000;
/** 24:00 of a Shanghai date, written independently of the code under test (no DST in Shanghai). */
const endOf = (date: string): number => t(`${date}T00:00+08:00`) + 24 * H;

describe('computeDeadline: working days (wd)', () => {
	it.each([
		['2025-09-26T10:00+08:00', 5, '2025-10-10', 'README example over 国庆 2025'],
		['2026-02-13T15:00+08:00', 1, '2026-02-14', 'README example: 调休 Saturday'],
		['2026-09-30T08:00+08:00', 1, '2026-10-08', 'README example: 国庆 2026'],
		['2025-09-26T23:59+08:00', 1, '2025-09-28', 'late evening counts as its own date; 调休 Sunday'],
		['2025-09-18T16:00:00Z', 1, '2025-09-22', 'UTC Thursday 16:00 is already Friday in Shanghai'],
		['2025-09-26T10:00+08:00', 0, '2025-09-26', 'zero: end of the start date'],
		['2025-10-04T10:00+08:00', 1, '2025-10-09', 'started during 国庆'],
		['2025-01-27T10:00+08:00', 3, '2025-02-07', 'across 春节 2025'],
		['2024-02-08T10:00+08:00', 2, '2024-02-18', '春节 2024 onto 调休 Sunday'],
		['2023-12-29T10:00+08:00', 1, '2024-01-02', 'year end 2023'],
		['2025-12-31T10:00+08:00', 2, '2026-01-05', 'year end 2025 via 调休 Sunday'],
		['2026-12-31T10:00+08:00', 1, '2027-01-01', 'beyond the data: plain Mon–Fri'],
		['2027-09-30T10:00+08:00', 1, '2027-10-01', 'beyond the data: 国庆 unknown']
	])('%s + %i wd → end of %s (%s)', (start, n, date) => {
		expect(fmt(computeDeadline(t(start), { value: n, unit: 'wd' }, cal))).toBe(fmt(endOf(date)));
	});

	it('rejects fractional or negative working days', () => {
		expect(() => computeDeadline(t('2025-09-26T10:00+08:00'), { value: 1.5, unit: 'wd' }, cal)).toThrow(RangeError);
		expect(() => computeDeadline(t('2025-09-26T10:00+08:00'), { value: -1, unit: 'h24' }, cal)).toThrow(RangeError);
	});
});

describe('computeDeadline: working hours (wh) and natural hours (h24)', () => {
	it.each([
		['2025-09-24T11:30+08:00', 1, 'wh', '2025-09-24T13:30+08:00', 'across lunch'],
		['2025-09-24T16:30+08:00', 1, 'wh', '2025-09-25T09:30+08:00', 'across the night'],
		['2025-09-19T16:30+08:00', 1, 'wh', '2025-09-22T09:30+08:00', 'across a weekend'],
		['2025-09-26T16:30+08:00', 1, 'wh', '2025-09-28T09:30+08:00', 'onto 调休 Sunday'],
		['2025-09-30T16:00+08:00', 4, 'wh', '2025-10-09T12:00+08:00', 'across 国庆'],
		['2025-09-24T21:00+08:00', 2, 'wh', '2025-09-25T11:00+08:00', 'reported at night'],
		['2025-09-27T09:00+08:00', 2, 'wh', '2025-09-28T11:00+08:00', 'reported on Saturday, 调休 Sunday next'],
		['2025-10-02T14:00+08:00', 1, 'wh', '2025-10-09T10:00+08:00', 'reported during 国庆'],
		['2025-09-24T11:45+08:00', 0.5, 'wh', '2025-09-24T13:15+08:00', '30 working minutes'],
		['2025-09-24T16:50+08:00', 0.25, 'wh', '2025-09-25T09:05+08:00', '15 working minutes overnight'],
		['2025-09-30T16:00+08:00', 48, 'h24', '2025-10-02T16:00+08:00', 'natural time ignores 国庆'],
		['2026-02-14T22:00+08:00', 0.25, 'h24', '2026-02-14T22:15+08:00', '紧急 15 min at night'],
		['2025-09-27T10:00+08:00', 2, 'h24', '2025-09-27T12:00+08:00', 'natural time on a Saturday']
	] as Array<[string, number, LimitUnit, string, string]>)('%s + %f %s → %s (%s)', (start, value, unit, expected) => {
		expect(fmt(computeDeadline(t(start), { value, unit }, cal))).toBe(expected);
	});
});

describe('extendForPause (挂账 stops the clock)', () => {
	it.each([
		// h24: the natural paused time
		['2025-09-30T18:00+08:00', '2025-09-30T10:00+08:00', '2025-09-30T13:30+08:00', 'h24', '2025-09-30T21:30+08:00'],
		['2025-10-02T10:00+08:00', '2025-10-01T00:00+08:00', '2025-10-01T00:00+08:00', 'h24', '2025-10-02T10:00+08:00'],
		// wh: working time paused, added as working time
		['2025-09-24T15:00+08:00', '2025-09-24T11:00+08:00', '2025-09-24T14:00+08:00', 'wh', '2025-09-24T17:00+08:00'],
		['2025-09-24T16:30+08:00', '2025-09-24T10:00+08:00', '2025-09-24T11:00+08:00', 'wh', '2025-09-25T09:30+08:00'],
		['2025-09-26T16:30+08:00', '2025-09-26T09:00+08:00', '2025-09-26T10:00+08:00', 'wh', '2025-09-28T09:30+08:00'],
		['2025-09-24T17:00+08:00', '2025-09-24T18:00+08:00', '2025-09-25T08:00+08:00', 'wh', '2025-09-24T17:00+08:00'],
		['2025-10-09T12:00+08:00', '2025-10-01T09:00+08:00', '2025-10-08T17:00+08:00', 'wh', '2025-10-09T12:00+08:00'],
		// wd: working dates in [pause date, resume date), added to the deadline's date
		['2025-10-11T00:00+08:00', '2025-09-26T10:00+08:00', '2025-09-29T10:00+08:00', 'wd', '2025-10-14T00:00+08:00'],
		['2025-10-11T00:00+08:00', '2025-09-29T09:00+08:00', '2025-09-29T16:00+08:00', 'wd', '2025-10-11T00:00+08:00'],
		['2025-10-11T00:00+08:00', '2025-10-01T09:00+08:00', '2025-10-08T16:00+08:00', 'wd', '2025-10-11T00:00+08:00'],
		['2025-10-01T00:00+08:00', '2025-09-29T09:00+08:00', '2025-09-30T09:00+08:00', 'wd', '2025-10-10T00:00+08:00'],
		['2026-02-14T00:00+08:00', '2026-02-12T09:00+08:00', '2026-02-13T09:00+08:00', 'wd', '2026-02-15T00:00+08:00'],
		['2026-12-31T15:00+08:00', '2026-12-28T09:00+08:00', '2026-12-30T09:00+08:00', 'wd', '2027-01-04T15:00+08:00'],
		// resuming before pausing changes nothing in any unit
		['2025-09-24T15:00+08:00', '2025-09-24T14:00+08:00', '2025-09-24T11:00+08:00', 'wh', '2025-09-24T15:00+08:00']
	] as Array<[string, string, string, LimitUnit, string]>)(
		'deadline %s paused %s → %s (%s) → %s',
		(deadline, from, to, unit, expected) => {
			expect(fmt(extendForPause(t(deadline), t(from), t(to), unit, cal))).toBe(expected);
		}
	);
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
