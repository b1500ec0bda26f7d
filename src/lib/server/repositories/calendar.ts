import { createCalendar, type WorkCalendar } from '$lib/domain/working-days';
import type { Db } from '../db/create-database';

export interface CalendarYearInput {
	year: number;
	title: string;
	source: string;
	offDays: string[];
	makeupWorkdays: string[];
}

/** Replaces one year of the official calendar (an admin adds next year when it is published). */
export async function saveCalendarYear(db: Db, y: CalendarYearInput): Promise<void> {
	// Inside the caller's transaction when given one (several years are saved all or none).
	const run = (write: (trx: Db) => Promise<void>) => (db.isTransaction ? write(db) : db.transaction().execute(write));
	await run(async (trx) => {
		await trx.deleteFrom('calendar_days').where('year', '=', y.year).execute();
		await trx.deleteFrom('calendar_years').where('year', '=', y.year).execute();
		await trx.insertInto('calendar_years').values({ year: y.year, title: y.title, source: y.source }).execute();
		const days = [
			...y.offDays.map((date) => ({ date, year: y.year, kind: 'off' as const })),
			...y.makeupWorkdays.map((date) => ({ date, year: y.year, kind: 'makeup' as const }))
		];
		if (days.length) await trx.insertInto('calendar_days').values(days).execute();
	});
	cached = null;
	yearsCache = null;
}

export async function saveWorkingHours(db: Db, hours: [string, string][]): Promise<void> {
	const value = JSON.stringify(hours);
	await db
		.insertInto('settings')
		.values({ key: 'workingHours', value })
		.onConflict((oc) => oc.column('key').doUpdateSet({ value }))
		.execute();
	cached = null;
}

let cached: { db: Db; calendar: WorkCalendar } | null = null;

/** The calendar as the domain needs it; cached until a year or the working hours change. */
export async function loadCalendar(db: Db): Promise<WorkCalendar> {
	if (cached?.db === db) return cached.calendar;
	const [days, years, hours] = await Promise.all([
		db.selectFrom('calendar_days').select(['date', 'kind']).execute(),
		db
			.selectFrom('calendar_years')
			.select(({ fn }) => fn.max('year').as('last'))
			.executeTakeFirst(),
		db.selectFrom('settings').select('value').where('key', '=', 'workingHours').executeTakeFirst()
	]);
	const calendar = createCalendar({
		offDays: days.filter((d) => d.kind === 'off').map((d) => d.date),
		makeupWorkdays: days.filter((d) => d.kind === 'makeup').map((d) => d.date),
		lastYear: Number(years?.last ?? 0),
		workingHours: hours ? (JSON.parse(hours.value) as [string, string][]) : undefined
	});
	cached = { db, calendar };
	return calendar;
}

/** Every year of the official calendar, with its dates, oldest first. */
export async function listCalendarYears(db: Db) {
	const [years, days] = await Promise.all([
		db.selectFrom('calendar_years').select(['year', 'title', 'source']).orderBy('year').execute(),
		db.selectFrom('calendar_days').select(['date', 'year', 'kind']).orderBy('date').execute()
	]);
	return years.map((y) => ({
		...y,
		offDays: days.filter((d) => d.year === y.year && d.kind === 'off').map((d) => d.date),
		makeupWorkdays: days.filter((d) => d.year === y.year && d.kind === 'makeup').map((d) => d.date)
	}));
}

/** The years on file, kept until a year is saved (every page's warning reads it). */
export async function calendarYearsOnFile(db: Db): Promise<number[]> {
	if (yearsCache?.db !== db)
		yearsCache = { db, years: (await db.selectFrom('calendar_years').select('year').execute()).map((r) => r.year) };
	return yearsCache.years;
}
let yearsCache: { db: Db; years: number[] } | null = null;
