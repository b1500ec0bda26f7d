// What the header of every signed-in page needs from the database: the official-calendar years
// missing (this year's and next year's should be on file) and the 待办/超期 counts for the badge.
import type { Actor } from '$lib/domain/access';
import { missingCalendarYears } from '$lib/domain/calendar-input';
import { shanghaiDate } from '$lib/domain/working-days';
import type { Db } from '../db/create-database';
import { calendarYearsOnFile } from '../repositories/calendar';
import { countWork } from './work-counts';

export async function loadShellStatus(db: Db, actor: Actor, now: number) {
	const [years, counts] = await Promise.all([calendarYearsOnFile(db), countWork(db, actor, now)]);
	return { calendarMissing: missingCalendarYears(shanghaiDate(now), years), counts };
}
