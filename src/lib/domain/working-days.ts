// Working-day and working-hour arithmetic on Asia/Shanghai calendar dates.
// Shanghai is a fixed UTC+08:00 offset (no DST since 1991), so every conversion is plain
// arithmetic on UTC fields; the process time zone never decides a date.

/** 工作日历: official holidays (offDays) and make-up workdays (调休) plus working hours. */
export interface WorkCalendar {
	offDays: ReadonlySet<string>; // 'YYYY-MM-DD'
	makeupWorkdays: ReadonlySet<string>;
	lastYear: number; // last year the official data covers
	workingHours: ReadonlyArray<readonly [string, string]>; // e.g. [['09:00','12:00'],['13:00','17:00']]
}

const MINUTE = 60_000;
const DAY = 86_400_000;
const SHANGHAI_OFFSET = 8 * 3_600_000;
/** A calendar with no working time at all would make the forward scans spin forever. */
const MAX_SCAN_DAYS = 366 * 50;
const DEFAULT_HOURS: ReadonlyArray<readonly [string, string]> = [
	['09:00', '12:00'],
	['13:00', '17:00']
];

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** Date.UTC maps years 0–99 to 1900–1999; setUTCFullYear does not. */
function utcMs(y: number, m: number, d: number): number {
	return new Date(0).setUTCFullYear(y, m - 1, d);
}

function formatUtcDate(ms: number): string {
	const d = new Date(ms);
	return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

/** Parses 'YYYY-MM-DD' to ms of its UTC midnight; null for impossible dates like 2026-02-30. */
function parseDate(date: string): number | null {
	const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
	if (!m) return null;
	const ms = utcMs(Number(m[1]), Number(m[2]), Number(m[3]));
	return formatUtcDate(ms) === date ? ms : null;
}

function requireDate(date: string): number {
	const ms = parseDate(date);
	if (ms === null) throw new RangeError(`Invalid date: ${date}`);
	return ms;
}

/** Minute of day for 'HH:mm'; '24:00' is allowed so a span can run to midnight. */
function parseClock(s: string): number | null {
	const m = /^(\d{2}):(\d{2})$/.exec(s);
	if (!m) return null;
	const min = Number(m[1]) * 60 + Number(m[2]);
	return Number(m[2]) < 60 && min <= 24 * 60 ? min : null;
}

const spanCache = new WeakMap<ReadonlyArray<readonly [string, string]>, Array<[number, number]>>();

/** Working spans as ms offsets from local midnight; validated once per hours array. */
function spans(cal: WorkCalendar): Array<[number, number]> {
	const cached = spanCache.get(cal.workingHours);
	if (cached) return cached;
	const result: Array<[number, number]> = [];
	for (const [from, to] of cal.workingHours) {
		const a = parseClock(from);
		const b = parseClock(to);
		const prevEnd = result.length ? result[result.length - 1][1] : 0;
		if (a === null || b === null || a >= b || a * MINUTE < prevEnd) {
			throw new RangeError(`Invalid working hours: ${from}–${to} (need sorted, non-overlapping HH:mm spans)`);
		}
		result.push([a * MINUTE, b * MINUTE]);
	}
	if (result.length === 0) throw new RangeError('Working hours must contain at least one span');
	spanCache.set(cal.workingHours, result);
	return result;
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
	for (const d of [...offDays, ...makeupWorkdays]) requireDate(d);
	if (!Number.isInteger(input.lastYear)) throw new RangeError(`Invalid lastYear: ${input.lastYear}`);
	const cal: WorkCalendar = {
		offDays,
		makeupWorkdays,
		lastYear: input.lastYear,
		workingHours: (input.workingHours ?? DEFAULT_HOURS).map(([a, b]) => [a, b] as const)
	};
	spans(cal);
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
	return requireDate(date) - SHANGHAI_OFFSET;
}

/** Accepts 'YYYY-MM-DD', 'YYYY-MM-DDTHH:mm' or 'YYYY-MM-DD HH:mm' (optional ':ss', as datetime-local may send). */
export function parseShanghaiDateTime(s: string): number | null {
	const m = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?$/.exec(s.trim());
	if (!m) return null;
	const day = parseDate(m[1]);
	if (day === null) return null;
	const [h, min, sec] = [m[2], m[3], m[4]].map((x) => Number(x ?? 0));
	if (h > 23 || min > 59 || sec > 59) return null;
	return day - SHANGHAI_OFFSET + ((h * 60 + min) * 60 + sec) * 1000;
}

export function isValidDate(date: string): boolean {
	return parseDate(date) !== null;
}

export function addDays(date: string, n: number): string {
	return formatUtcDate(requireDate(date) + n * DAY);
}

export function weekday(date: string): number {
	return new Date(requireDate(date)).getUTCDay();
}

export function isWorkday(date: string, cal: WorkCalendar): boolean {
	if (cal.makeupWorkdays.has(date)) return true;
	const wd = weekday(date);
	return wd >= 1 && wd <= 5 && !cal.offDays.has(date);
}

export function isBeyondCalendar(date: string, cal: WorkCalendar): boolean {
	return Number(date.slice(0, 4)) > cal.lastYear;
}

export function addWorkingDays(date: string, n: number, cal: WorkCalendar): string {
	if (!Number.isInteger(n) || n < 0) throw new RangeError(`Working days must be a non-negative integer: ${n}`);
	let d = date;
	for (let left = n, scanned = 0; left > 0; scanned++) {
		if (scanned > MAX_SCAN_DAYS) throw new RangeError('Calendar has no working days ahead');
		d = addDays(d, 1);
		if (isWorkday(d, cal)) left--;
	}
	return d;
}

export function workingMsBetween(fromMs: number, toMs: number, cal: WorkCalendar): number {
	if (!(toMs > fromMs)) return 0;
	const daySpans = spans(cal);
	let total = 0;
	for (let date = shanghaiDate(fromMs); shanghaiMidnight(date) < toMs; date = addDays(date, 1)) {
		if (!isWorkday(date, cal)) continue;
		const midnight = shanghaiMidnight(date);
		for (const [a, b] of daySpans) {
			total += Math.max(0, Math.min(toMs, midnight + b) - Math.max(fromMs, midnight + a));
		}
	}
	return total;
}

export function addWorkingMs(startMs: number, ms: number, cal: WorkCalendar): number {
	if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`Working time must be a non-negative number: ${ms}`);
	const daySpans = spans(cal);
	let left = ms;
	let date = shanghaiDate(startMs);
	for (let scanned = 0; scanned <= MAX_SCAN_DAYS; scanned++, date = addDays(date, 1)) {
		if (!isWorkday(date, cal)) continue;
		const midnight = shanghaiMidnight(date);
		for (const [a, b] of daySpans) {
			const from = Math.max(startMs, midnight + a);
			const to = midnight + b;
			if (to <= from) continue;
			// `<=` so a limit that uses up a span exactly ends at 12:00/17:00, not after lunch or overnight.
			if (left <= to - from) return from + left;
			left -= to - from;
		}
	}
	throw new RangeError('Calendar has no working time ahead');
}
