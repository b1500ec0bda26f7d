import { fail } from '@sveltejs/kit';
import {
	checkCalendarYear,
	parseDateList,
	yearsFromJson,
	type CalendarIssue,
	type CheckedYear
} from '$lib/domain/calendar-input';
import { shanghaiDate } from '$lib/domain/working-days';
import { getDb } from '$lib/server/db';
import { refill, text } from '$lib/server/form';
import { loadCalendarPage, saveCalendarYears } from '$lib/server/services/calendar-years';
import type { Actions, PageServerLoad } from './$types';
import { requireCan } from '$lib/server/auth/gate';

const MAX_FILE_BYTES = 1_000_000;

export const load: PageServerLoad = async (event) => {
	requireCan(event, 'admin.manage');
	return loadCalendarPage(getDb(), Number(event.url.searchParams.get('year')), shanghaiDate(Date.now()));
};

/** Saves through the calendar service and answers in the form's shape (409 when a year is on file and "replace" was not ticked). */
async function saveAll(
	actorId: number,
	checked: CheckedYear[],
	replace: boolean,
	values: Record<string, string>,
	form: 'save' | 'upload'
) {
	const saved = await saveCalendarYears(getDb(), actorId, checked, replace, form, Date.now());
	if (!saved.ok)
		return 'existing' in saved
			? fail(409, { form, values, issues: [], existing: saved.existing })
			: fail(400, { form, values, issues: saved.issues });
	return { form, saved: saved.saved, droppedWeekends: saved.droppedWeekends };
}

export const actions: Actions = {
	save: async (event) => {
		const actor = requireCan(event, 'admin.manage');
		const form = await event.request.formData();
		const values = {
			year: refill(text(form, 'year').trim(), 10),
			title: refill(text(form, 'title'), 200),
			source: refill(text(form, 'source'), 500),
			offDays: refill(text(form, 'offDays')),
			makeupWorkdays: refill(text(form, 'makeupWorkdays'))
		};
		const off = parseDateList(values.offDays);
		const makeup = parseDateList(values.makeupWorkdays);
		const checked = checkCalendarYear({
			...values,
			offDays: off.dates,
			makeupWorkdays: makeup.dates,
			badOff: off.bad,
			badMakeup: makeup.bad
		});
		return saveAll(actor.id, [checked], text(form, 'replace') === '1', values, 'save');
	},
	upload: async (event) => {
		const actor = requireCan(event, 'admin.manage');
		const form = await event.request.formData();
		const file = form.get('file');
		if (!(file instanceof File) || file.size === 0)
			return fail(400, { form: 'upload', values: {}, issues: [{ field: 'file', code: 'bad_json' } as CalendarIssue] });
		if (file.size > MAX_FILE_BYTES)
			return fail(413, { form: 'upload', values: {}, issues: [{ field: 'file', code: 'bad_json' } as CalendarIssue] });
		const parsed = yearsFromJson(await file.text());
		if (!parsed.ok) return fail(400, { form: 'upload', values: {}, issues: parsed.issues });
		return saveAll(actor.id, parsed.years, text(form, 'replace') === '1', {}, 'upload');
	}
};
