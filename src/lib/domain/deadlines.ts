// Handling limits (时限) → deadlines, 挂账 pauses and countdown badges. Limits are in working days
// (wd, ending 24:00), working hours (wh) or natural hours (h24), on the official calendar.
import { addDays, isWorkday, shanghaiDate, shanghaiDateTime, type WorkCalendar } from './working-days';
import {
	addWorkingDayNumber,
	addWorkingMs,
	checkDay,
	countWorkdays,
	dayOf,
	inDateRange,
	midnightOf,
	requireWorkingDayCount,
	workingMsBetween
} from './working-days-core';

export type LimitUnit = 'wh' | 'wd' | 'h24'; // 工作时 / 工作日 / 自然时
/** value may be fractional for wh/h24 (e.g. 0.5 h); wd must be a whole number. */
export interface Limit {
	value: number;
	unit: LimitUnit;
}
export type CountdownLevel = 'green' | 'yellow' | 'red';

const HOUR = 3_600_000;
const DAY = 86_400_000;

export function computeDeadline(startMs: number, limit: Limit, cal: WorkCalendar): number {
	const { value, unit } = limit;
	if (!Number.isFinite(value) || value < 0) throw new RangeError(`Invalid limit value: ${value}`);
	switch (unit) {
		case 'wd': {
			requireWorkingDayCount(value);
			// Ends at 24:00 Shanghai of the last working day, i.e. the next day's midnight.
			const last = addWorkingDayNumber(checkDay(dayOf(startMs)), value, cal);
			return midnightOf(checkDay(last + 1));
		}
		case 'wh':
			return addWorkingMs(startMs, Math.round(value * HOUR), cal);
		case 'h24':
			return startMs + Math.round(value * HOUR);
	}
}

export function extendForPause(
	deadlineMs: number,
	pausedFromMs: number,
	pausedToMs: number,
	unit: LimitUnit,
	cal: WorkCalendar
): number {
	if (!(pausedToMs > pausedFromMs)) return deadlineMs;
	switch (unit) {
		case 'h24':
			return deadlineMs + (pausedToMs - pausedFromMs);
		case 'wh': {
			const paused = workingMsBetween(pausedFromMs, pausedToMs, cal);
			// Without this, a deadline at 17:00 would still jump to the next 09:00 via addWorkingMs.
			return paused === 0 ? deadlineMs : addWorkingMs(deadlineMs, paused, cal);
		}
		case 'wd': {
			// Working dates in [pause date, resume date).
			const fromDay = dayOf(pausedFromMs);
			const resumeDay = dayOf(pausedToMs);
			let paused = 0;
			if (inDateRange(fromDay) && inDateRange(resumeDay)) paused = countWorkdays(fromDay, resumeDay, cal);
			else {
				// Instants outside years 0000–9999 have no 'YYYY-MM-DD' form and used to be compared as
				// odd strings; keep that walk for them so even such input gives what it always gave.
				const resumeDate = shanghaiDate(pausedToMs);
				for (let d = shanghaiDate(pausedFromMs); d < resumeDate; d = addDays(d, 1)) {
					if (isWorkday(d, cal)) paused++;
				}
			}
			if (paused === 0) return deadlineMs;
			// A wd deadline sits at 24:00, which is the next date's 00:00: step back 1 ms to find
			// the working day it ends. Keeping the time-of-day offset also covers 延期 deadlines
			// that were set to an arbitrary instant.
			const day = checkDay(dayOf(deadlineMs - 1));
			const offset = deadlineMs - midnightOf(day);
			return midnightOf(addWorkingDayNumber(day, paused, cal)) + offset;
		}
	}
}

/**
 * The instant 75 % of a step's time is used, counted in the limit's own unit: working time for
 * `wh`/`wd` (a 1-working-hour step started at 16:30 turns yellow at 09:15 the next working day,
 * not overnight), natural time for `h24`.
 */
export function warningInstant(startMs: number, deadlineMs: number, unit: LimitUnit, cal: WorkCalendar): number {
	if (unit === 'h24') return startMs + Math.ceil(((deadlineMs - startMs) * 3) / 4);
	const working = workingMsBetween(startMs, deadlineMs, cal);
	return working > 0 ? addWorkingMs(startMs, Math.ceil((working * 3) / 4), cal) : startMs;
}

export function countdown(
	startMs: number,
	deadlineMs: number,
	nowMs: number,
	warnAtMs?: number | null
): { level: CountdownLevel; remainingMs: number; usedRatio: number } {
	const total = deadlineMs - startMs;
	const used = nowMs - startMs;
	const remainingMs = deadlineMs - nowMs;
	// Compare in integers so "exactly 75%" is never lost to floating-point rounding.
	const isWarning = warnAtMs != null ? nowMs >= warnAtMs : used * 4 >= total * 3;
	const level: CountdownLevel = nowMs > deadlineMs ? 'red' : isWarning ? 'yellow' : 'green';
	const usedRatio = total > 0 ? Math.max(0, used / total) : nowMs >= deadlineMs ? 1 : 0;
	return { level, remainingMs, usedRatio };
}

/** Natural-time breakdown of |ms| (floored to the minute) for badges such as "剩 1天3时20分". */
export function formatRemaining(ms: number): { days: number; hours: number; minutes: number; overdue: boolean } {
	const abs = Math.abs(ms);
	return {
		days: Math.floor(abs / DAY),
		hours: Math.floor((abs % DAY) / HOUR),
		minutes: Math.floor((abs % HOUR) / 60_000),
		overdue: ms < 0
	};
}

const UNIT_LABEL: Record<LimitUnit, string> = { wd: '工作日', wh: '工作时', h24: '小时' };

export function describeLimit(limit: Limit): string {
	return `${limit.value} ${UNIT_LABEL[limit.unit]}`;
}

/** A deadline as people say it: the end of a working day reads '2026-10-10 24:00', not the next day's 00:00. */
export function formatDeadline(ms: number): string {
	const text = shanghaiDateTime(ms);
	return text.endsWith(' 00:00') ? `${shanghaiDateTime(ms - 60_000).slice(0, 10)} 24:00` : text;
}
