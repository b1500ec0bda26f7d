// An admin's entry of one year of the official holiday schedule (国务院办公厅 notice), typed as dates
// and ranges, or uploaded as JSON in the shape of calendar-cn.json. Pure: checks and normalises,
// so the page can say exactly what is wrong and nothing is saved until all of it is right.
import { addDays, isValidDate, weekday } from './working-days';

export interface CalendarYear {
	year: number;
	title: string;
	source: string;
	/** Weekdays off (weekends inside a holiday are rest days anyway and are not listed). */
	offDays: string[];
	/** Weekend days worked (调休). */
	makeupWorkdays: string[];
}

export type CalendarIssueCode =
	| 'invalid_year'
	| 'title_required'
	| 'invalid_date'
	| 'outside_year'
	| 'both_off_and_workday'
	| 'workday_not_weekend'
	| 'no_off_days'
	| 'bad_json'
	| 'no_years';

export interface CalendarIssue {
	field: 'year' | 'title' | 'offDays' | 'makeupWorkdays' | 'file';
	code: CalendarIssueCode;
	/** The offending text (a date, a range, a year). */
	value?: string;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const RANGE_SEPARATOR = /\s*(?:~|～|至|—|–|\.\.)\s*/;
const MAX_RANGE_DAYS = 31;

const isDate = (s: string) => DATE.test(s) && isValidDate(s);

/** Dates from text: separated by spaces, commas, 、 or new lines; "2027-10-01~2027-10-07" (or 至) is a range. */
export function parseDateList(text: string): { dates: string[]; bad: string[] } {
	const dates: string[] = [];
	const bad: string[] = [];
	const tokens = text
		.replace(new RegExp(RANGE_SEPARATOR.source, 'g'), '~')
		.split(/[\s,，、;；]+/)
		.filter(Boolean);
	for (const token of tokens) {
		const [from, to, extra] = token.split('~');
		if (extra !== undefined || !isDate(from) || (to !== undefined && !isDate(to))) {
			bad.push(token);
			continue;
		}
		if (to === undefined) {
			dates.push(from);
			continue;
		}
		if (to < from) {
			bad.push(token);
			continue;
		}
		const range: string[] = [];
		for (let d = from; d <= to && range.length <= MAX_RANGE_DAYS; d = addDays(d, 1)) range.push(d);
		if (range.length > MAX_RANGE_DAYS) bad.push(token);
		else dates.push(...range);
	}
	return { dates, bad };
}

const isWeekend = (date: string) => {
	const w = weekday(date);
	return w === 0 || w === 6;
};

export type CheckedYear =
	{ ok: true; year: CalendarYear; droppedWeekends: string[] } | { ok: false; issues: CalendarIssue[] };

/** Checks one year: dates inside it, no date both off and worked, 调休 workdays on weekends only. */
export function checkCalendarYear(input: {
	year: string | number;
	title: string;
	source: string;
	offDays: string[];
	makeupWorkdays: string[];
	badOff?: string[];
	badMakeup?: string[];
}): CheckedYear {
	const issues: CalendarIssue[] = [];
	const year = Number(input.year);
	if (!Number.isInteger(year) || year < 2000 || year > 2100)
		issues.push({ field: 'year', code: 'invalid_year', value: String(input.year) });
	const title = input.title.trim();
	if (!title) issues.push({ field: 'title', code: 'title_required' });
	for (const value of input.badOff ?? []) issues.push({ field: 'offDays', code: 'invalid_date', value });
	for (const value of input.badMakeup ?? []) issues.push({ field: 'makeupWorkdays', code: 'invalid_date', value });
	const off = [...new Set(input.offDays)].sort();
	const makeup = [...new Set(input.makeupWorkdays)].sort();
	for (const [field, list] of [
		['offDays', off],
		['makeupWorkdays', makeup]
	] as const) {
		for (const d of list) {
			if (!isDate(d)) issues.push({ field, code: 'invalid_date', value: d });
			else if (Number.isInteger(year) && !d.startsWith(`${year}-`))
				issues.push({ field, code: 'outside_year', value: d });
		}
	}
	const offSet = new Set(off);
	for (const d of makeup)
		if (offSet.has(d)) issues.push({ field: 'makeupWorkdays', code: 'both_off_and_workday', value: d });
	for (const d of makeup)
		if (isDate(d) && !isWeekend(d)) issues.push({ field: 'makeupWorkdays', code: 'workday_not_weekend', value: d });
	const weekdaysOff = off.filter((d) => !isDate(d) || !isWeekend(d));
	if (!weekdaysOff.length && !issues.some((i) => i.field === 'offDays'))
		issues.push({ field: 'offDays', code: 'no_off_days' });
	if (issues.length) return { ok: false, issues };
	return {
		ok: true,
		year: { year, title, source: input.source.trim(), offDays: weekdaysOff, makeupWorkdays: makeup },
		droppedWeekends: off.filter(isWeekend)
	};
}

/** Every year of a JSON file shaped like calendar-cn.json ({ years: { "2027": { title, source, offDays, makeupWorkdays } } }). */
export function yearsFromJson(
	text: string
): { ok: true; years: CheckedYear[] } | { ok: false; issues: CalendarIssue[] } {
	let parsed: unknown;
	try {
		parsed = JSON.parse(text);
	} catch {
		return { ok: false, issues: [{ field: 'file', code: 'bad_json' }] };
	}
	const years = (parsed as { years?: unknown })?.years;
	if (!years || typeof years !== 'object' || Array.isArray(years))
		return { ok: false, issues: [{ field: 'file', code: 'bad_json' }] };
	const entries = Object.entries(years as Record<string, unknown>);
	if (!entries.length) return { ok: false, issues: [{ field: 'file', code: 'no_years' }] };
	const strings = (v: unknown) => (Array.isArray(v) ? v.map(String) : []);
	return {
		ok: true,
		years: entries.map(([year, y]) => {
			const o = (y ?? {}) as Record<string, unknown>;
			return checkCalendarYear({
				year,
				title: String(o.title ?? ''),
				source: String(o.source ?? ''),
				offDays: strings(o.offDays),
				makeupWorkdays: strings(o.makeupWorkdays)
			});
		})
	};
}

/** The years the calendar should already hold on `today` (this one and the next) but does not. */
export function missingCalendarYears(today: string, years: readonly number[]): number[] {
	const y = Number(today.slice(0, 4));
	return [y, y + 1].filter((v) => !years.includes(v));
}
