// Working-day and working-hour arithmetic on Asia/Shanghai calendar dates.
// Shanghai is a fixed UTC+08:00 offset (no DST since 1991), so every conversion is plain
// arithmetic on UTC fields; the process time zone never decides a date.
// The scans live in working-days-core.ts and step over integer day numbers; this module is the
// string API, parsing 'YYYY-MM-DD' once on the way in and formatting once on the way out.
import {
	DAY,
	SHANGHAI_OFFSET,
	addWorkingDayNumber,
	dayTable,
	formatDay,
	formatUtcDate,
	isWorkdayIn,
	parseDay,
	requireWorkingDayCount,
	weekdayOf,
	workingSpans,
	type WorkCalendar
} from './working-days-core';

export type { WorkCalendar } from './working-days-core';
export { addWorkingMs, workingMsBetween } from './working-days-core';

const DEFAULT_HOURS: ReadonlyArray<readonly [string, string]> = [
	['09:00', '12:00'],
	['13:00', '17:00']
];

const pad = (n: number): string => String(n).padStart(2, '0');

function requireDay(date: string): number {
	const day = parseDay(date);
	if (day === null) throw new RangeError(`Invalid date: ${date}`);
	return day;
}

export function createCalendar(input: {
	offDays: Iterable<string>;
	makeupWorkdays: Iterable<string>;
	lastYear: number;
	workingHours?: ReadonlyArray<readonly [string, string]>;
}): WorkCalendar {
	const offDays = new Set(input.offDays);
	const makeupWorkdays = new Set(input.makeupWorkdays);
	// Admins type next year's dates by hand; reject typos now rather than silently ignore them.
	for (const d of [...offDays, ...makeupWorkdays]) requireDay(d);
	if (!Number.isInteger(input.lastYear)) throw new RangeError(`Invalid lastYear: ${input.lastYear}`);
	const cal: WorkCalendar = {
		offDays,
		makeupWorkdays,
		lastYear: input.lastYear,
		workingHours: (input.workingHours ?? DEFAULT_HOURS).map(([a, b]) => [a, b] as const)
	};
	workingSpans(cal); // validates the hours now, not at the first deadline
	dayTable(cal); // so the first deadline does not pay for building it
	return cal;
}

export function shanghaiDate(ms: number): string {
	return formatUtcDate(ms + SHANGHAI_OFFSET);
}

export function shanghaiDateTime(ms: number): string {
	const d = new Date(ms + SHANGHAI_OFFSET);
	return `${formatUtcDate(ms + SHANGHAI_OFFSET)} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}

export function shanghaiMidnight(date: string): number {
	return requireDay(date) * DAY - SHANGHAI_OFFSET;
}

/** Accepts 'YYYY-MM-DD', 'YYYY-MM-DDTHH:mm' or 'YYYY-MM-DD HH:mm' (optional ':ss', as datetime-local may send). */
export function parseShanghaiDateTime(s: string): number | null {
	const m = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?$/.exec(s.trim());
	if (!m) return null;
	const day = parseDay(m[1]);
	if (day === null) return null;
	const [h, min, sec] = [m[2], m[3], m[4]].map((x) => Number(x ?? 0));
	if (h > 23 || min > 59 || sec > 59) return null;
	return day * DAY - SHANGHAI_OFFSET + ((h * 60 + min) * 60 + sec) * 1000;
}

export function isValidDate(date: string): boolean {
	return parseDay(date) !== null;
}

export function addDays(date: string, n: number): string {
	// Date arithmetic on ms, not day numbers: n may be fractional or NaN and must keep behaving as before.
	return formatUtcDate(requireDay(date) * DAY + n * DAY);
}

export function weekday(date: string): number {
	return weekdayOf(requireDay(date));
}

export function isWorkday(date: string, cal: WorkCalendar): boolean {
	// Checked before parsing, as before, so a hand-built calendar's odd make-up string still counts.
	if (cal.makeupWorkdays.has(date)) return true;
	return isWorkdayIn(dayTable(cal), requireDay(date));
}

export function isBeyondCalendar(date: string, cal: WorkCalendar): boolean {
	return Number(date.slice(0, 4)) > cal.lastYear;
}

export function addWorkingDays(date: string, n: number, cal: WorkCalendar): string {
	requireWorkingDayCount(n);
	// Zero steps return the date untouched (not even validated), exactly as the day-by-day loop did.
	if (n === 0) return date;
	return formatDay(addWorkingDayNumber(requireDay(date), n, cal));
}
