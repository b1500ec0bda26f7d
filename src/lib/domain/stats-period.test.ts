import { describe, expect, it } from 'vitest';
import { monthPeriod, monthsOf, parsePeriod, quickPeriods, shiftYears } from './stats-period';

describe('stats periods', () => {
	it.each([
		['2024-02', '2024-02-01', '2024-02-29'],
		['2023-02', '2023-02-01', '2023-02-28'],
		['2023-12', '2023-12-01', '2023-12-31'],
		['2026-11', '2026-11-01', '2026-11-30']
	])('month %s runs from %s to %s', (ym, from, to) => expect(monthPeriod(ym)).toEqual({ from, to }));

	it('shifts a year back, 29 February to the 28th', () => {
		expect(shiftYears('2024-02-29', -1)).toBe('2023-02-28');
		expect(shiftYears('2024-03-01', -1)).toBe('2023-03-01');
	});

	it('lists the months a period touches, across a year end', () => {
		expect(monthsOf({ from: '2023-11-15', to: '2024-02-01' })).toEqual(['2023-11', '2023-12', '2024-01', '2024-02']);
		expect(monthsOf({ from: '2023-05-01', to: '2023-05-31' })).toEqual(['2023-05']);
	});

	it('defaults to the current month and rejects bad input', () => {
		expect(parsePeriod(null, null, '2026-11-27')).toEqual({ from: '2026-11-01', to: '2026-11-30' });
		expect(parsePeriod('2023-01-01', '2023-12-31', '2026-11-27')).toEqual({ from: '2023-01-01', to: '2023-12-31' });
		expect(parsePeriod('2023-01-01', null, '2026-11-27')).toEqual({ error: 'date' });
		expect(parsePeriod('2023-02-30', '2023-03-01', '2026-11-27')).toEqual({ error: 'date' });
		expect(parsePeriod('2023-03-02', '2023-03-01', '2026-11-27')).toEqual({ error: 'order' });
		expect(parsePeriod('2020-01-01', '2023-12-31', '2026-11-27')).toEqual({ error: 'span' });
	});

	it('offers 本月, 上月 (across a year start), 本年 and the complete years before it that have data', () => {
		expect(quickPeriods('2027-01-05', 2025).map((q) => q.period)).toEqual([
			{ from: '2027-01-01', to: '2027-01-31' },
			{ from: '2026-12-01', to: '2026-12-31' },
			{ from: '2027-01-01', to: '2027-12-31' },
			{ from: '2026-01-01', to: '2026-12-31' },
			{ from: '2025-01-01', to: '2025-12-31' }
		]);
		expect(quickPeriods('2026-12-06', 2023).map((q) => (q.key === 'year' ? q.year : q.key))).toEqual([
			'this_month',
			'last_month',
			'this_year',
			2025,
			2024,
			2023
		]);
	});

	it('offers at most three past years, and none without data or when the data starts this year', () => {
		expect(quickPeriods('2030-06-01', 2023).flatMap((q) => (q.key === 'year' ? [q.year] : []))).toEqual([
			2029, 2028, 2027
		]);
		expect(quickPeriods('2026-06-01', null)).toHaveLength(3);
		expect(quickPeriods('2026-06-01', 2026)).toHaveLength(3);
	});
});
