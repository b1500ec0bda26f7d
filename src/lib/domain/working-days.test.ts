import { describe, it, expect } from 'vitest';
import {
	addDays,
	addWorkingDays,
	addWorkingMs,
	createCalendar,
	isBeyondCalendar,
	isValidDate,
	isWorkday,
	parseShanghaiDateTime,
	shanghaiDate,
	shanghaiDateTime,
	shanghaiMidnight,
	weekday,
	workingMsBetween
} from './working-days';
import * as cn from './fixtures/calendar-cn';
import { cal, fmt, t } from './fixtures/time';
import { WORKING_DAY_SUMS } from './fixtures/calendar-facts';

const H = 3_600_000;

describe('Shanghai conversions', () => {
	it.each([
		['2025-12-31T15:59:59.999Z', '2025-12-31', '2025-12-31 23:59'],
		['2025-12-31T16:00:00.000Z', '2026-01-01', '2026-01-01 00:00'],
		['2026-02-14T01:30:00.000Z', '2026-02-14', '2026-02-14 09:30'],
		['2024-02-28T20:05:00.000Z', '2024-02-29', '2024-02-29 04:05']
	])('%s → %s / %s', (iso, date, dateTime) => {
		expect(shanghaiDate(t(iso))).toBe(date);
		expect(shanghaiDateTime(t(iso))).toBe(dateTime);
	});

	it('gives the same date as Date does for every hour of 30 years, before 1970 too, however often asked', () => {
		const reference = (ms: number) => new Date(ms + 8 * H).toISOString().slice(0, 10);
		for (let round = 0; round < 2; round++)
			for (let ms = t('1960-01-01T00:00:00Z'); ms < t('1990-01-01T00:00:00Z'); ms += 7 * H + 1)
				if (shanghaiDate(ms) !== reference(ms)) expect(shanghaiDate(ms)).toBe(reference(ms));
		expect(shanghaiDate(t('1969-12-31T15:59:59.999Z'))).toBe('1969-12-31');
		expect(shanghaiDate(t('1969-12-31T16:00:00.000Z'))).toBe('1970-01-01');
	});

	it.each([
		['2026-01-01', '2025-12-31T16:00:00Z'],
		['2024-02-29', '2024-02-28T16:00:00Z'],
		['2027-07-01', '2027-06-30T16:00:00Z']
	])('shanghaiMidnight(%s) = %s', (date, iso) => {
		expect(shanghaiMidnight(date)).toBe(t(iso));
	});

	it.each([
		['2026-03-01', '2026-03-01T00:00+08:00'],
		['2026-03-01T08:30', '2026-03-01T08:30+08:00'],
		['2026-03-01 23:59', '2026-03-01T23:59+08:00'],
		['2024-02-29 12:00', '2024-02-29T12:00+08:00'],
		['2026-03-01T08:30:15', '2026-03-01T08:30:15+08:00']
	])('parseShanghaiDateTime(%s) = %s', (input, iso) => {
		expect(parseShanghaiDateTime(input)).toBe(t(iso));
	});

	it.each([
		'2026-02-30',
		'2023-02-29',
		'2026-13-01',
		'2026-00-10',
		'2026-01-01 24:00',
		'2026-01-01T12:60',
		'2026-1-1',
		'2026-01-01Z',
		'2026-01-01T08:30+08:00',
		'yesterday',
		'',
		'2026-01-01T',
		'12:00'
	])('parseShanghaiDateTime rejects %j', (input) => {
		expect(parseShanghaiDateTime(input)).toBeNull();
	});
});

describe('plain dates', () => {
	it.each([
		['2024-02-29', true],
		['2023-02-29', false],
		['2026-02-30', false],
		['2026-04-31', false],
		['0099-01-01', true],
		['2026-1-01', false],
		['2026-01-01 ', false],
		['not a date', false]
	])('isValidDate(%j) = %s', (date, valid) => {
		expect(isValidDate(date)).toBe(valid);
	});

	it.each([
		['2024-02-28', 1, '2024-02-29'],
		['2023-02-28', 1, '2023-03-01'],
		['2025-12-31', 1, '2026-01-01'],
		['2026-01-01', -1, '2025-12-31'],
		['2026-03-01', 0, '2026-03-01'],
		['2026-01-01', 365, '2027-01-01']
	])('addDays(%s, %i) = %s', (date, n, expected) => {
		expect(addDays(date, n)).toBe(expected);
	});

	it.each([
		['2025-09-26', 5],
		['2025-09-28', 0],
		['2026-02-14', 6],
		['2027-01-01', 5]
	])('weekday(%s) = %i', (date, expected) => {
		expect(weekday(date)).toBe(expected);
	});

	it('throws on an invalid date instead of guessing', () => {
		expect(() => addDays('2026-02-30', 1)).toThrow(RangeError);
		expect(() => shanghaiMidnight('garbage')).toThrow(RangeError);
	});
});

describe('isWorkday on the official calendar', () => {
	it.each([
		['2025-09-26', true, 'plain Friday'],
		['2025-09-27', false, 'plain Saturday'],
		['2025-09-28', true, '调休 Sunday before 国庆'],
		['2025-10-08', false, '国庆 off on a Wednesday'],
		['2025-10-11', true, '调休 Saturday after 国庆'],
		['2026-02-14', true, '调休 Saturday before 春节'],
		['2026-02-23', false, '春节 Monday'],
		['2026-02-28', true, '调休 Saturday after 春节'],
		['2024-02-09', true, '除夕 2024 is a working day'],
		['2023-01-29', true, '调休 Sunday after 春节 2023'],
		['2024-01-01', false, '元旦 2024'],
		['2026-01-04', true, '调休 Sunday after 元旦 2026'],
		['2027-01-01', true, 'beyond the data: plain Friday'],
		['2027-10-01', true, 'beyond the data: 国庆 unknown yet'],
		['2027-01-02', false, 'beyond the data: Saturday']
	])('%s → %s (%s)', (date, expected) => {
		expect(isWorkday(date, cal)).toBe(expected);
	});

	it.each(Object.entries(cn.workingDaysPerYear))('%s has the official %i working days', (year, count) => {
		let n = 0;
		for (let d = `${year}-01-01`; d.startsWith(year); d = addDays(d, 1)) if (isWorkday(d, cal)) n++;
		expect(n).toBe(count);
	});

	it.each([
		['2026-12-31', false],
		['2027-01-01', true],
		['2031-06-01', true]
	])('isBeyondCalendar(%s) = %s', (date, expected) => {
		expect(isBeyondCalendar(date, cal)).toBe(expected);
	});
});

describe('addWorkingDays', () => {
	it.each(WORKING_DAY_SUMS)('%s + %i wd = %s (%s)', (date, n, expected) => {
		expect(addWorkingDays(date, n, cal)).toBe(expected);
	});

	it('rejects negative or fractional counts', () => {
		expect(() => addWorkingDays('2025-09-26', -1, cal)).toThrow(RangeError);
		expect(() => addWorkingDays('2025-09-26', 1.5, cal)).toThrow(RangeError);
	});
});

describe('workingMsBetween', () => {
	it.each([
		['2025-09-24T09:00+08:00', '2025-09-24T17:00+08:00', 7, 'one full day'],
		['2025-09-24T11:30+08:00', '2025-09-24T13:30+08:00', 1, 'lunch does not count'],
		['2025-09-24T16:00+08:00', '2025-09-25T10:00+08:00', 2, 'night does not count'],
		['2025-09-19T16:00+08:00', '2025-09-22T10:00+08:00', 2, 'plain weekend'],
		['2025-09-26T16:00+08:00', '2025-09-29T10:00+08:00', 9, 'weekend with 调休 Sunday'],
		['2025-09-22T00:00+08:00', '2025-09-29T00:00+08:00', 42, 'a week with a 调休 Sunday'],
		['2025-10-01T00:00+08:00', '2025-10-09T00:00+08:00', 0, 'the whole 国庆 break'],
		['2025-09-30T16:30+08:00', '2025-10-09T09:30+08:00', 1, 'across 国庆'],
		['2025-09-24T10:00+08:00', '2025-09-24T10:00+08:00', 0, 'empty range'],
		['2025-09-24T12:00+08:00', '2025-09-24T10:00+08:00', 0, 'reversed range']
	])('[%s, %s) = %f h (%s)', (from, to, hours) => {
		expect(workingMsBetween(t(from), t(to), cal)).toBe(hours * H);
	});
});

describe('addWorkingMs', () => {
	it.each([
		['2025-09-24T10:00+08:00', 1, '2025-09-24T11:00+08:00', 'inside the morning'],
		['2025-09-24T11:30+08:00', 1, '2025-09-24T13:30+08:00', 'across lunch'],
		['2025-09-24T11:00+08:00', 1, '2025-09-24T12:00+08:00', 'ends exactly at lunch'],
		['2025-09-24T12:15+08:00', 1, '2025-09-24T14:00+08:00', 'starts during lunch'],
		['2025-09-24T16:00+08:00', 1, '2025-09-24T17:00+08:00', 'ends exactly at 17:00'],
		['2025-09-24T16:30+08:00', 1, '2025-09-25T09:30+08:00', 'across the night'],
		['2025-09-24T22:00+08:00', 1, '2025-09-25T10:00+08:00', 'starts at night'],
		['2025-09-25T03:00+08:00', 1, '2025-09-25T10:00+08:00', 'starts before dawn'],
		['2025-09-24T09:00+08:00', 7, '2025-09-24T17:00+08:00', 'a full working day'],
		['2025-09-24T09:00+08:00', 8, '2025-09-25T10:00+08:00', 'one hour more'],
		['2025-09-19T16:30+08:00', 1, '2025-09-22T09:30+08:00', 'plain weekend'],
		['2025-09-20T10:00+08:00', 1, '2025-09-22T10:00+08:00', 'starts on Saturday'],
		['2025-09-26T16:30+08:00', 1, '2025-09-28T09:30+08:00', 'onto 调休 Sunday'],
		['2025-10-03T10:00+08:00', 2, '2025-10-09T11:00+08:00', 'starts inside 国庆'],
		['2026-02-13T16:00+08:00', 2, '2026-02-14T10:00+08:00', 'onto 调休 Saturday before 春节'],
		['2026-02-14T16:00+08:00', 2, '2026-02-24T10:00+08:00', 'across 春节 2026'],
		['2025-09-24T11:45+08:00', 0.5, '2025-09-24T13:15+08:00', 'half an hour across lunch'],
		['2025-09-24T20:00+08:00', 0, '2025-09-25T09:00+08:00', 'zero moves to the next working minute'],
		['2025-09-24T10:20+08:00', 0, '2025-09-24T10:20+08:00', 'zero inside working time'],
		['2026-12-31T16:00+08:00', 2, '2027-01-01T10:00+08:00', 'into the unknown year']
	])('%s + %f wh = %s (%s)', (start, hours, expected) => {
		expect(fmt(addWorkingMs(t(start), hours * H, cal))).toBe(expected);
	});

	it.each(['2025-09-24T10:00+08:00', '2025-09-24T12:30+08:00', '2025-09-26T15:10+08:00', '2025-09-30T16:59+08:00'])(
		'workingMsBetween undoes addWorkingMs from %s',
		(start) => {
			for (const ms of [1, 59 * 60_000, 3 * H, 7 * H, 40 * H]) {
				const end = addWorkingMs(t(start), ms, cal);
				expect(workingMsBetween(t(start), end, cal)).toBe(ms);
			}
		}
	);

	it('rejects negative time', () => {
		expect(() => addWorkingMs(t('2025-09-24T10:00+08:00'), -1, cal)).toThrow(RangeError);
	});
});

describe('createCalendar', () => {
	it('defaults to 09:00–12:00 and 13:00–17:00', () => {
		const c = createCalendar({ offDays: [], makeupWorkdays: [], lastYear: 2026 });
		expect(c.workingHours).toEqual([
			['09:00', '12:00'],
			['13:00', '17:00']
		]);
		expect(workingMsBetween(t('2025-09-24T00:00+08:00'), t('2025-09-25T00:00+08:00'), c)).toBe(7 * H);
	});

	it('honours configured working hours', () => {
		const c = createCalendar({
			...cn,
			workingHours: [
				['08:30', '11:30'],
				['13:30', '17:30']
			]
		});
		expect(fmt(addWorkingMs(t('2025-09-24T11:00+08:00'), H, c))).toBe('2025-09-24T14:00+08:00');
	});

	it.each([
		[[['12:00', '09:00']]],
		[
			[
				['13:00', '17:00'],
				['09:00', '12:00']
			]
		],
		[
			[
				['09:00', '12:30'],
				['12:00', '17:00']
			]
		],
		[[['9:00', '12:00']]],
		[[['09:00', '25:00']]],
		[[]]
	] as Array<[Array<[string, string]>]>)('rejects working hours %j', (hours) => {
		expect(() => createCalendar({ ...cn, workingHours: hours })).toThrow(RangeError);
	});

	it('rejects mistyped holiday dates', () => {
		expect(() => createCalendar({ ...cn, offDays: ['2027-02-30'] })).toThrow(RangeError);
		expect(() => createCalendar({ ...cn, makeupWorkdays: ['2027/02/06'] })).toThrow(RangeError);
	});
});
