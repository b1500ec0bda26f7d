import { CASE_ACTIONS, type CaseAction } from '$lib/domain/case-status';
import { postStep, stepActions } from '$lib/server/step-actions';
import { realFiles } from '$lib/server/photos';
import { m } from '$lib/paraglide/messages';
import { error, fail, redirect, type RequestEvent } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { photosOf, refill, text } from '$lib/server/form';
import { loadCasePage } from '$lib/server/services/case-page';
import { applyCaseAction } from '$lib/server/services/case-actions';
import { parseCommand } from './commands';
import { convertCaseToEnforcement } from '$lib/server/services/enforcement/from-case';
import { fastTrack } from './fast-track-action';
import type { Actions, PageServerLoad } from './$types';
import { requireActor } from '$lib/server/auth/gate';

export const load: PageServerLoad = async (event) => {
	const actor = requireActor(event);
	const page = await loadCasePage(getDb(), actor, Number(event.params.id), Date.now());
	if (!page) error(404, m.err_not_found());
	return { ...page, username: event.locals.user!.username };
};

const act = (event: RequestEvent, action: CaseAction) => {
	const actor = requireActor(event);
	return postStep(event, action, {
		fields: ['note', 'departmentId', 'categoryCode', 'reasonCode', 'proposedDate', 'approvedDate'],
		parse: (form) => parseCommand(action, form, realFiles(form.getAll('photos')).length),
		apply: async (version, command, form) => {
			const photos = await photosOf(form, 'photos');
			const r = await applyCaseAction(getDb(), actor, Number(event.params.id), version, command, photos, Date.now());
			// A refused photo is named by its own code (too large, not an image), on its field.
			return r.ok || r.status !== 400 ? r : { ...r, code: r.photoCode ?? r.code };
		},
		done: `/cases/${event.params.id}?done=${action}`
	});
};

async function toEnforcement(event: RequestEvent) {
	const actor = requireActor(event);
	const form = await event.request.formData();
	const values = { description: refill(text(form, 'description')) };
	const versionText = text(form, 'version');
	if (!/^[1-9][0-9]{0,9}$/.test(versionText))
		return fail(400, { action: 'to_enforcement', values, field: 'form', error: 'invalid' });
	if (values.description.length > 2000)
		return fail(400, { action: 'to_enforcement', values, field: 'description', error: 'too_long' });
	const r = await convertCaseToEnforcement(
		getDb(),
		actor,
		Number(event.params.id),
		Number(versionText),
		values.description,
		Date.now()
	);
	if (!r.ok) return fail(r.status, { action: 'to_enforcement', values, field: 'form', error: r.code });
	redirect(303, `/enforcement/${r.enforcementId}?done=open`);
}

/** One named action per step of the workflow (the type check fails when a CaseAction has none), and two more. */
/** One named action per step of the workflow (from the domain's list of steps), and two more; each re-checks permission, state and version in the service. */
export const actions = {
	...stepActions(CASE_ACTIONS, act),
	to_enforcement: toEnforcement,
	fast_track: fastTrack
} satisfies Actions & Record<CaseAction, unknown>;
