// The official working-day calendar (法定节假日): checked years saved all or none, each with its audit
// row. The caller has checked the admin.
import type { CalendarIssue, CheckedYear } from '$lib/domain/calendar-input';
import type { Db } from '../db/create-database';
import { auditedChange } from './audited-change';
import { listCalendarYears, saveCalendarYear } from '../repositories/calendar';

export type SaveCalendarResult =
	| { ok: true; saved: number[]; droppedWeekends: string[] }
	| { ok: false; issues: (CalendarIssue & { year?: number })[] }
	| { ok: false; issues: []; existing: number[] };

/** Saves checked years, all or none; a year already on file is replaced only when the admin ticked "replace". */
export async function saveCalendarYears(
	db: Db,
	actorId: number,
	checked: CheckedYear[],
	replace: boolean,
	via: 'save' | 'upload',
	now: number
): Promise<SaveCalendarResult> {
	const issues: (CalendarIssue & { year?: number })[] = checked.flatMap((c) => (c.ok ? [] : c.issues));
	if (issues.length) return { ok: false, issues };
	const years = checked.flatMap((c) => (c.ok ? [c.year] : []));
	// Which years are on file is read in the transaction that saves, serializable: two admins saving
	// the same new year at once (several app servers on PostgreSQL) cannot both find it absent.
	const outcome = await auditedChange(
		db,
		{ actorId, at: now },
		async (trx) => {
			const onFile = new Set((await listCalendarYears(trx)).map((y) => y.year));
			const existing = years.filter((y) => onFile.has(y.year)).map((y) => y.year);
			if (existing.length && !replace) return { saved: false as const, existing };
			for (const y of years) await saveCalendarYear(trx, y);
			return { saved: true as const, onFile };
		},
		(outcome) =>
			outcome.saved
				? years.map((y) => ({
						action: 'calendar.save',
						target: `calendar:${y.year}`,
						detail: {
							year: y.year,
							title: y.title,
							offDays: y.offDays.length,
							makeupWorkdays: y.makeupWorkdays.length,
							replaced: outcome.onFile.has(y.year),
							via
						}
					}))
				: null,
		{ serializable: true }
	);
	if (!outcome.saved) return { ok: false, issues: [], existing: outcome.existing };
	return {
		ok: true,
		saved: years.map((y) => y.year),
		droppedWeekends: checked.flatMap((c) => (c.ok ? c.droppedWeekends : []))
	};
}

/** The calendar page: the years on file, and the one shown (the one asked for, else this year, else the latest). */
export async function loadCalendarPage(db: Db, asked: number, today: string) {
	const years = await listCalendarYears(db);
	const shown =
		years.find((y) => y.year === asked) ??
		years.find((y) => y.year === Number(today.slice(0, 4))) ??
		years.at(-1) ??
		null;
	return { years: years.map((y) => ({ year: y.year })), shown, today };
}
