// Statistics periods: inclusive 'YYYY-MM-DD' ranges in Asia/Shanghai. Pure; `today` is a parameter.
import { addDays, isValidDate } from './working-days';

/** Longest period the statistics accept (three years and a leap day or so). */
export const MAX_PERIOD_DAYS = 3 * 366;

export interface Period {
	from: string;
	to: string;
}
export type PeriodError = 'date' | 'order' | 'span';

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

export const isMonth = (s: string): boolean => MONTH.test(s);

/** The first and last day of 'YYYY-MM'. */
export function monthPeriod(ym: string): Period {
	const [y, mo] = ym.split('-').map(Number);
	const next = mo === 12 ? `${y + 1}-01-01` : `${y}-${String(mo + 1).padStart(2, '0')}-01`;
	return { from: `${ym}-01`, to: addDays(next, -1) };
}

/** Same calendar day `years` away; 29 February becomes the 28th in a common year. */
export function shiftYears(date: string, years: number): string {
	const moved = `${String(Number(date.slice(0, 4)) + years).padStart(4, '0')}${date.slice(4)}`;
	return isValidDate(moved) ? moved : `${moved.slice(0, 8)}28`;
}

/** Every 'YYYY-MM' touched by the period, in order. */
export function monthsOf(p: Period): string[] {
	const out: string[] = [];
	let [y, mo] = p.from.slice(0, 7).split('-').map(Number);
	const last = p.to.slice(0, 7);
	for (;;) {
		const ym = `${y}-${String(mo).padStart(2, '0')}`;
		out.push(ym);
		if (ym >= last) return out;
		if (++mo > 12) [y, mo] = [y + 1, 1];
	}
}

const dayCount = (p: Period) => Math.round((Date.parse(p.to) - Date.parse(p.from)) / 86_400_000) + 1;

/**
 * The period asked for in a GET form: both dates, or neither (then the month of `today`).
 * Only one, a malformed date, an end before the start or a period too long are errors.
 */
export function parsePeriod(from: string | null, to: string | null, today: string): Period | { error: PeriodError } {
	if (!from && !to) return monthPeriod(today.slice(0, 7));
	if (!from || !to || !isValidDate(from) || !isValidDate(to)) return { error: 'date' };
	if (from > to) return { error: 'order' };
	if (dayCount({ from, to }) > MAX_PERIOD_DAYS) return { error: 'span' };
	return { from, to };
}

export type QuickPeriod =
	{ key: 'this_month' | 'last_month' | 'this_year'; period: Period } | { key: 'year'; year: number; period: Period };

/** How many complete years before this one the quick links offer at most (the period limit is three years). */
export const QUICK_YEARS = 3;

/**
 * 本月, 上月, 本年, then each complete year before this one that has data, newest first: from last
 * year back to `firstYear` (the year of the oldest record; null when there is none), at most
 * QUICK_YEARS of them.
 */
export function quickPeriods(today: string, firstYear: number | null): QuickPeriod[] {
	const ym = today.slice(0, 7);
	const y = Number(today.slice(0, 4));
	const years: QuickPeriod[] = [];
	for (let year = y - 1; firstYear !== null && year >= firstYear && years.length < QUICK_YEARS; year--) {
		years.push({ key: 'year', year, period: { from: `${year}-01-01`, to: `${year}-12-31` } });
	}
	return [
		{ key: 'this_month', period: monthPeriod(ym) },
		{ key: 'last_month', period: monthPeriod(addDays(`${ym}-01`, -1).slice(0, 7)) },
		{ key: 'this_year', period: { from: `${y}-01-01`, to: `${y}-12-31` } },
		...years
	];
}
