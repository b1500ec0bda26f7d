import type { CaseAction } from '$lib/domain/case-status';
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

async function act(event: RequestEvent, action: CaseAction) {
	const actor = requireActor(event);
	const form = await event.request.formData();
	const versionText = text(form, 'version');
	const photos = await photosOf(form, 'photos');
	const values = {
		note: refill(text(form, 'note')),
		departmentId: text(form, 'departmentId'),
		categoryCode: text(form, 'categoryCode'),
		reasonCode: text(form, 'reasonCode'),
		proposedDate: text(form, 'proposedDate'),
		approvedDate: text(form, 'approvedDate')
	};
	if (!/^[1-9][0-9]{0,9}$/.test(versionText)) return fail(400, { action, values, field: 'form', error: 'invalid' });
	const version = Number(versionText);
	const parsed = parseCommand(action, form, photos.length);
	if (!parsed.ok) return fail(400, { action, values, field: parsed.field, error: parsed.code });
	const result = await applyCaseAction(
		getDb(),
		actor,
		Number(event.params.id),
		version,
		parsed.command,
		photos,
		Date.now()
	);
	if (!result.ok) {
		const detail = result.status === 400 ? (result.photoCode ?? result.code) : result.code;
		return fail(result.status, {
			action,
			values,
			field: result.status === 400 ? (result.field ?? 'form') : 'form',
			error: detail
		});
	}
	redirect(303, `/cases/${event.params.id}?done=${action}`);
}

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
const step = (action: CaseAction) => (event: RequestEvent) => act(event, action);

/** One named action per verb; each re-checks permission, state and version in the service. */
export const actions = {
	accept: step('accept'),
	void: step('void'),
	register: step('register'),
	dispatch: step('dispatch'),
	sign: step('sign'),
	feedback: step('feedback'),
	request_return: step('request_return'),
	approve_return: step('approve_return'),
	reject_return: step('reject_return'),
	request_extension: step('request_extension'),
	approve_extension: step('approve_extension'),
	reject_extension: step('reject_extension'),
	park: step('park'),
	unpark: step('unpark'),
	check_pass: step('check_pass'),
	check_fail: step('check_fail'),
	close: step('close'),
	supervise: step('supervise'),
	to_enforcement: toEnforcement,
	fast_track: fastTrack
} satisfies Actions & Record<CaseAction, unknown>;
