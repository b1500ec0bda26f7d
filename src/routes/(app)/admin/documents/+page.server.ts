import { error, fail } from '@sveltejs/kit';
import { appealSentence } from '$lib/domain/enforcement-appeal';
import { hasEnforcementCapability } from '$lib/domain/enforcement-permissions';
import { m } from '$lib/paraglide/messages';
import { requireActor } from '$lib/server/auth/guards';
import { getDb } from '$lib/server/db';
import { refill, text } from '$lib/server/form';
import { getAppealRoutes, saveAppealRoutes } from '$lib/server/services/enforcement/appeal-settings';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

/** The 决定书's 复议机关 and court are the admin's (manage_cameras: the enforcement settings), on load and action. */
function requireDocumentsAdmin(event: Pick<RequestEvent, 'locals' | 'url'>) {
	const actor = requireActor(event);
	if (!hasEnforcementCapability(actor, 'manage_cameras')) error(403, m.err_forbidden());
	return actor;
}

export const load: PageServerLoad = async (event) => {
	requireDocumentsAdmin(event);
	const routes = await getAppealRoutes(getDb());
	return { routes, sentence: appealSentence(routes) };
};

export const actions: Actions = {
	save: async (event) => {
		const actor = requireDocumentsAdmin(event);
		const form = await event.request.formData();
		const values = { reviewOrgan: refill(text(form, 'reviewOrgan'), 200), reviewDays: text(form, 'reviewDays').slice(0, 20), court: refill(text(form, 'court'), 200), litigationMonths: text(form, 'litigationMonths').slice(0, 20) };
		const saved = await saveAppealRoutes(getDb(), actor, values, Date.now());
		if (!saved.ok) return fail(saved.status, { values, errors: saved.errors });
		return { saved: true };
	}
};
