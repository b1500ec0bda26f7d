import { describe, expect, it } from 'vitest';
import official from '../reference-data/calendar-cn.json' with { type: 'json' };
import { checkCalendarYear, missingCalendarYears, parseDateList, yearsFromJson } from './calendar-input';

// The 2026 notice (国办发明电〔2025〕7号) as an admin would type it.
const Y2026 = {
	year: '2026',
	title: '国务院办公厅关于2026年部分节假日安排的通知',
	source: 'https://www.gov.cn/',
	off: '2026-01-01~2026-01-03, 2026-02-15 至 2026-02-23\n2026-04-04~2026-04-06、2026-05-01~2026-05-05 2026-06-19~2026-06-21 2026-09-25~2026-09-27 2026-10-01~2026-10-07',
	makeup: '2026-01-04 2026-02-14 2026-02-28 2026-05-09 2026-09-20 2026-10-10'
};

const check = (y = Y2026) => {
	const off = parseDateList(y.off);
	const makeup = parseDateList(y.makeup);
	return checkCalendarYear({
		year: y.year,
		title: y.title,
		source: y.source,
		offDays: off.dates,
		makeupWorkdays: makeup.dates,
		badOff: off.bad,
		badMakeup: makeup.bad
	});
};

describe('parseDateList', () => {
	it('reads dates and ranges separated by spaces, commas, 、 and new lines; 至 and ~ make ranges', () => {
		expect(parseDateList('2027-01-01, 2027-02-10~2027-02-12\n2027-10-01 至 2027-10-02、2027-12-31')).toEqual({
			dates: ['2027-01-01', '2027-02-10', '2027-02-11', '2027-02-12', '2027-10-01', '2027-10-02', '2027-12-31'],
			bad: []
		});
	});
	it('reports what it cannot read: impossible dates, backwards or over-long ranges, other formats', () => {
		expect(parseDateList('2027-02-30 2027/10/01 2027-10-07~2027-10-01 2027-01-01~2027-03-01 1~2~3 ').bad).toEqual([
			'2027-02-30',
			'2027/10/01',
			'2027-10-07~2027-10-01',
			'2027-01-01~2027-03-01',
			'1~2~3'
		]);
	});
});

describe('checkCalendarYear', () => {
	it('accepts the 2026 notice: weekends inside holidays are dropped from the off days (they are rest days anyway)', () => {
		const r = check();
		if (!r.ok) throw new Error(JSON.stringify(r.issues));
		// Exactly the dates of the official calendar file.
		expect(r.year.offDays).toEqual(official.years['2026'].offDays);
		expect(r.year.makeupWorkdays).toEqual(official.years['2026'].makeupWorkdays);
		expect(r.year.offDays).not.toContain('2026-02-15'); // a Sunday
		expect(r.droppedWeekends).toContain('2026-10-03');
	});
	it('a date both off and worked, a weekday as 调休 workday, a date of another year, a typo: each named, nothing accepted', () => {
		const r = check({
			...Y2026,
			off: `${Y2026.off} 2027-01-01 2026-13-01`,
			makeup: `${Y2026.makeup} 2026-10-02 2026-03-03`
		});
		expect(r.ok).toBe(false);
		if (r.ok) return;
		expect(r.issues).toEqual(
			expect.arrayContaining([
				{ field: 'offDays', code: 'invalid_date', value: '2026-13-01' },
				{ field: 'offDays', code: 'outside_year', value: '2027-01-01' },
				{ field: 'makeupWorkdays', code: 'both_off_and_workday', value: '2026-10-02' },
				{ field: 'makeupWorkdays', code: 'workday_not_weekend', value: '2026-10-02' },
				{ field: 'makeupWorkdays', code: 'workday_not_weekend', value: '2026-03-03' }
			])
		);
	});
	it('needs a year in 2000–2100, a title and at least one weekday off', () => {
		const r = checkCalendarYear({ year: '27', title: ' ', source: '', offDays: ['2027-10-02'], makeupWorkdays: [] });
		expect(r.ok ? [] : r.issues.map((i) => i.code)).toEqual(['invalid_year', 'title_required', 'outside_year']);
		const weekendOnly = checkCalendarYear({
			year: 2027,
			title: 't',
			source: '',
			offDays: ['2027-10-02', '2027-10-03'],
			makeupWorkdays: []
		});
		expect(weekendOnly.ok ? [] : weekendOnly.issues).toEqual([{ field: 'offDays', code: 'no_off_days' }]);
	});
});

describe('yearsFromJson', () => {
	it('the official file itself passes, every year', () => {
		const r = yearsFromJson(JSON.stringify(official));
		expect(r.ok && r.years.map((y) => y.ok && y.year.year)).toEqual([2023, 2024, 2025, 2026]);
	});
	it('reads every year of a file shaped like calendar-cn.json, each checked on its own', () => {
		const r = yearsFromJson(
			JSON.stringify({
				years: {
					2027: { title: 'n', source: 's', offDays: ['2027-01-01'], makeupWorkdays: [] },
					2028: { title: '', offDays: [] }
				}
			})
		);
		if (!r.ok) throw new Error('not ok');
		expect(r.years[0]).toMatchObject({ ok: true, year: { year: 2027, offDays: ['2027-01-01'] } });
		expect(r.years[1].ok).toBe(false);
	});
	it('refuses what is not such a file', () => {
		expect(yearsFromJson('{')).toEqual({ ok: false, issues: [{ field: 'file', code: 'bad_json' }] });
		expect(yearsFromJson('[]')).toEqual({ ok: false, issues: [{ field: 'file', code: 'bad_json' }] });
		expect(yearsFromJson('{"years":{}}')).toEqual({ ok: false, issues: [{ field: 'file', code: 'no_years' }] });
	});
});

it('missingCalendarYears: this year and next must be there', () => {
	expect(missingCalendarYears('2026-11-27', [2023, 2024, 2025, 2026])).toEqual([2027]);
	expect(missingCalendarYears('2027-01-05', [2026])).toEqual([2027, 2028]);
	expect(missingCalendarYears('2026-03-01', [2026, 2027])).toEqual([]);
});
