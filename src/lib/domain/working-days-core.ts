// Integer core of the working-day arithmetic. A date is a day number: days since 1970-01-01 in
// Asia/Shanghai (fixed UTC+08:00, no DST since 1991), i.e. floor((ms + 8 h) / 1 day). The scans
// step over these integers and look workdays up in a per-calendar table, because re-parsing and
// re-formatting 'YYYY-MM-DD' for every day stepped cost ~7–20 µs per deadline. working-days.ts
// converts to and from strings only at its API boundary.

/** 工作日历: official holidays (offDays) and make-up workdays (调休) plus working hours. */
export interface WorkCalendar {
	offDays: ReadonlySet<string>; // 'YYYY-MM-DD'
	makeupWorkdays: ReadonlySet<string>;
	lastYear: number; // last year the official data covers
	workingHours: ReadonlyArray<readonly [string, string]>; // e.g. [['09:00','12:00'],['13:00','17:00']]
}

const MINUTE = 60_000;
export const DAY = 86_400_000;
export const SHANGHAI_OFFSET = 8 * 3_600_000;
/** A calendar with no working time at all would make the forward scans spin forever. */
const MAX_SCAN_DAYS = 366 * 50;
const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

// Day number → 'YYYY-MM-DD': the statistics format the same few hundred days hundreds of thousands
// of times (an import judges every new order; a rebuild every record). Emptied when it grows large.
const formatted = new Map<number, string>();
const FORMATTED_MAX = 20_000;

export function formatUtcDate(ms: number): string {
	const day = Math.floor(ms / DAY);
	let s = formatted.get(day);
	if (s === undefined) {
		if (formatted.size >= FORMATTED_MAX) formatted.clear();
		const d = new Date(day * DAY);
		s = `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
		formatted.set(day, s);
	}
	return s;
}

/** Day number of a proleptic-Gregorian date, as Date counts them (H. Hinnant's days_from_civil). */
function daysFromCivil(y: number, m: number, d: number): number {
	const yy = m <= 2 ? y - 1 : y;
	const era = Math.floor(yy / 400);
	const yoe = yy - era * 400;
	const doy = Math.floor((153 * ((m + 9) % 12) + 2) / 5) + d - 1;
	return era * 146_097 + yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy - 719_468;
}

/** 'YYYY-MM-DD' can only spell years 0000–9999; the string code threw outside them, so we do too. */
const FIRST_DAY = daysFromCivil(0, 1, 1);
const LAST_DAY = daysFromCivil(9999, 12, 31);

export const inDateRange = (day: number): boolean => day >= FIRST_DAY && day <= LAST_DAY;

/** The number an ASCII digit run spells, or -1 (so the range checks below reject it). */
function digits(s: string, at: number, n: number): number {
	let v = 0;
	for (let i = at; i < at + n; i++) {
		const c = s.charCodeAt(i) - 48;
		if (c < 0 || c > 9) return -1;
		v = v * 10 + c;
	}
	return v;
}

/** Day number of 'YYYY-MM-DD'; null unless it is exactly a real date (not 2026-02-30, not '2026-1-1'). */
export function parseDay(date: string): number | null {
	if (typeof date !== 'string' || date.length !== 10 || date.charCodeAt(4) !== 45 || date.charCodeAt(7) !== 45)
		return null;
	const y = digits(date, 0, 4);
	const m = digits(date, 5, 2);
	const d = digits(date, 8, 2);
	if (y < 0 || m < 1 || m > 12 || d < 1) return null;
	const leap = y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
	if (d > (m === 2 && leap ? 29 : MONTH_DAYS[m - 1])) return null;
	return daysFromCivil(y, m, d);
}

export const formatDay = (day: number): string => formatUtcDate(day * DAY);

/**
 * Shanghai day number of an instant, always the day shanghaiDate() names: truncated first as Date
 * does, and NaN beyond Date's ±8.64e15 ms, where shanghaiDate() gives 'NaN-…' (checkDay then
 * reports it with the very same text).
 */
export function dayOf(ms: number): number {
	const local = Math.trunc(ms + SHANGHAI_OFFSET);
	return Math.abs(local) <= 8.64e15 ? Math.floor(local / DAY) : NaN;
}

export const midnightOf = (day: number): number => day * DAY - SHANGHAI_OFFSET;

/** 0 = Sunday … 6 = Saturday; 1970-01-01 was a Thursday. */
export const weekdayOf = (day: number): number => (((day + 4) % 7) + 7) % 7;

/** Throws the same RangeError the string code gave for a date it could not parse (also NaN, ±Infinity). */
export function checkDay(day: number): number {
	if (!inDateRange(day)) throw new RangeError(`Invalid date: ${formatUtcDate(day * DAY)}`);
	return day;
}

/** Minute of day for 'HH:mm'; '24:00' is allowed so a span can run to midnight. */
function parseClock(s: string): number | null {
	const m = /^(\d{2}):(\d{2})$/.exec(s);
	if (!m) return null;
	const min = Number(m[1]) * 60 + Number(m[2]);
	return Number(m[2]) < 60 && min <= 24 * 60 ? min : null;
}

const spanCache = new WeakMap<ReadonlyArray<readonly [string, string]>, number[]>();

/**
 * Working spans as ms offsets from local midnight, flat [from0, to0, from1, to1, …] so the scans
 * index plain numbers; validated once per hours array (throws on unsorted or overlapping spans).
 */
export function workingSpans(cal: WorkCalendar): number[] {
	const cached = spanCache.get(cal.workingHours);
	if (cached) return cached;
	const result: number[] = [];
	for (const [from, to] of cal.workingHours) {
		const a = parseClock(from);
		const b = parseClock(to);
		const prevEnd = result.length ? result[result.length - 1] : 0;
		if (a === null || b === null || a >= b || a * MINUTE < prevEnd) {
			throw new RangeError(`Invalid working hours: ${from}–${to} (need sorted, non-overlapping HH:mm spans)`);
		}
		result.push(a * MINUTE, b * MINUTE);
	}
	if (result.length === 0) throw new RangeError('Working hours must contain at least one span');
	spanCache.set(cal.workingHours, result);
	return result;
}

/** Workday flags (1/0) for the days from `first` on; days outside follow the plain Mon–Fri rule. */
export interface DayTable {
	offDays: ReadonlySet<string>;
	makeupWorkdays: ReadonlySet<string>;
	first: number;
	flags: Uint8Array;
}

const tableCache = new WeakMap<WorkCalendar, DayTable>();

/**
 * The calendar's workday table, built once. The sets are read-only, but the fields holding them
 * may be reassigned, so a table is only reused while it was built from the very same sets.
 * Strings that are not real dates are skipped: no stepped date could ever have matched them.
 */
export function dayTable(cal: WorkCalendar): DayTable {
	const cached = tableCache.get(cal);
	if (cached && cached.offDays === cal.offDays && cached.makeupWorkdays === cal.makeupWorkdays) return cached;
	const real = (d: number | null): d is number => d !== null;
	const off = [...cal.offDays].map(parseDay).filter(real);
	const makeup = [...cal.makeupWorkdays].map(parseDay).filter(real);
	// Dense from the earliest to the latest listed day: a few KB for real data (≤ 3.7 MB even if
	// someone lists both 0000-01-01 and 9999-12-31), and one array read per day stepped.
	let first = Infinity;
	let last = -Infinity;
	for (const day of [...off, ...makeup]) [first, last] = [Math.min(first, day), Math.max(last, day)];
	if (first > last) [first, last] = [0, -1];
	const flags = new Uint8Array(last - first + 1);
	for (let day = first; day <= last; day++) flags[day - first] = isMonToFri(day) ? 1 : 0;
	for (const day of off) flags[day - first] = 0;
	// Make-up days win over offDays, as the string rule checked them first.
	for (const day of makeup) flags[day - first] = 1;
	const table = { offDays: cal.offDays, makeupWorkdays: cal.makeupWorkdays, first, flags };
	tableCache.set(cal, table);
	return table;
}

function isMonToFri(day: number): boolean {
	const wd = weekdayOf(day);
	return wd >= 1 && wd <= 5;
}

/** Whether an in-range day number is a working day. */
export function isWorkdayIn(table: DayTable, day: number): boolean {
	const i = day - table.first;
	return i >= 0 && i < table.flags.length ? table.flags[i] === 1 : isMonToFri(day);
}

export function requireWorkingDayCount(n: number): void {
	if (!Number.isInteger(n) || n < 0) throw new RangeError(`Working days must be a non-negative integer: ${n}`);
}

/** The n-th working day after `day` (n a whole number ≥ 0, checked by the caller). */
export function addWorkingDayNumber(day: number, n: number, cal: WorkCalendar): number {
	const table = dayTable(cal);
	let d = n > 0 ? checkDay(day) : day;
	for (let left = n, scanned = 0; left > 0; scanned++) {
		if (scanned > MAX_SCAN_DAYS) throw new RangeError('Calendar has no working days ahead');
		d = checkDay(d + 1);
		if (isWorkdayIn(table, d)) left--;
	}
	return d;
}

/** Working days in [fromDay, toDay), both in range. */
export function countWorkdays(fromDay: number, toDay: number, cal: WorkCalendar): number {
	const table = dayTable(cal);
	let n = 0;
	for (let d = fromDay; d < toDay; d++) if (isWorkdayIn(table, d)) n++;
	return n;
}

export function workingMsBetween(fromMs: number, toMs: number, cal: WorkCalendar): number {
	if (!(toMs > fromMs)) return 0;
	const spans = workingSpans(cal);
	const table = dayTable(cal);
	let total = 0;
	for (let day = dayOf(fromMs); ; day++) {
		const midnight = midnightOf(checkDay(day));
		if (!(midnight < toMs)) return total;
		if (!isWorkdayIn(table, day)) continue;
		for (let i = 0; i < spans.length; i += 2) {
			total += Math.max(0, Math.min(toMs, midnight + spans[i + 1]) - Math.max(fromMs, midnight + spans[i]));
		}
	}
}

export function addWorkingMs(startMs: number, ms: number, cal: WorkCalendar): number {
	if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`Working time must be a non-negative number: ${ms}`);
	const spans = workingSpans(cal);
	const table = dayTable(cal);
	let left = ms;
	let day = dayOf(startMs);
	for (let scanned = 0; scanned <= MAX_SCAN_DAYS; scanned++, day++) {
		if (!isWorkdayIn(table, checkDay(day))) continue;
		const midnight = midnightOf(day);
		for (let i = 0; i < spans.length; i += 2) {
			const from = Math.max(startMs, midnight + spans[i]);
			const to = midnight + spans[i + 1];
			if (to <= from) continue;
			// `<=` so a limit that uses up a span exactly ends at 12:00/17:00, not after lunch or overnight.
			if (left <= to - from) return from + left;
			left -= to - from;
		}
	}
	throw new RangeError('Calendar has no working time ahead');
}
