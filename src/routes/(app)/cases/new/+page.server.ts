import { fail, redirect } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { num, optionalId, photosOf, refill, text } from '$lib/server/form';
import { loadReportForm } from '$lib/server/services/report-form';
import { submitFieldWork } from '$lib/server/services/field-submit';
import { isSubmissionKey } from '$lib/domain/field-submission';
import type { Actions, PageServerLoad } from './$types';
import { requireCan } from '$lib/server/auth/gate';

export const load: PageServerLoad = async (event) => {
	const actor = requireCan(event, 'case.report');
	return {
		...(await loadReportForm(getDb(), actor, Date.now())),
		username: event.locals.user!.username,
		// Without JavaScript the form posts here; a post repeated (a retry, a double tap) carries the same key.
		key: crypto.randomUUID()
	};
};

export const actions: Actions = {
	default: async (event) => {
		const actor = requireCan(event, 'case.report');
		const form = await event.request.formData();
		const mode = text(form, 'mode') === 'self_handle' ? 'self_handle' : 'report';
		const input = {
			mode,
			source: text(form, 'source') || 'patrol',
			categoryCode: text(form, 'categoryCode'),
			description: text(form, 'description'),
			address: text(form, 'address'),
			lng: num(form, 'lng'),
			lat: num(form, 'lat'),
			communityId: optionalId(form, 'communityId'),
			handlingNote: text(form, 'handlingNote'),
			beforePhotos: await photosOf(form, 'beforePhotos'),
			afterPhotos: mode === 'self_handle' ? await photosOf(form, 'afterPhotos') : []
		} as const;
		const key = text(form, 'key');
		const now = Date.now();
		const result = await submitFieldWork(
			getDb(),
			actor,
			{ key: isSubmissionKey(key) ? key : crypto.randomUUID(), capturedAt: now },
			{ kind: mode, report: input },
			now
		);
		if (!result.ok) {
			const values = {
				mode,
				source: input.source,
				categoryCode: input.categoryCode,
				description: refill(input.description),
				address: refill(input.address, 400),
				lng: text(form, 'lng'),
				lat: text(form, 'lat'),
				communityId: input.communityId,
				handlingNote: refill(input.handlingNote)
			};
			return fail(result.status, { values, errors: ('errors' in result && result.errors) || { form: result.code } });
		}
		redirect(303, `/cases/${result.caseId}?done=report`);
	}
};
