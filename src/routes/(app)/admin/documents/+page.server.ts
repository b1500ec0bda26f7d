import { fail } from '@sveltejs/kit';
import { appealSentence } from '$lib/domain/enforcement-appeal';
import { getDb } from '$lib/server/db';
import { refill, text } from '$lib/server/form';
import { getAppealRoutes, saveAppealRoutes } from '$lib/server/services/enforcement/appeal-settings';
import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { requireCan } from '$lib/server/auth/gate';

/** The 决定书's 复议机关 and court are the admin's (manage_cameras: the enforcement settings), on load and action. */
function requireDocumentsAdmin(event: Pick<RequestEvent, 'locals' | 'url'>) {
	const actor = requireCan(event, 'admin.manage');
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
		const values = {
			reviewOrgan: refill(text(form, 'reviewOrgan'), 200),
			reviewDays: text(form, 'reviewDays').slice(0, 20),
			court: refill(text(form, 'court'), 200),
			litigationMonths: text(form, 'litigationMonths').slice(0, 20)
		};
		const saved = await saveAppealRoutes(getDb(), actor, values, Date.now());
		if (!saved.ok) return fail(saved.status, { values, errors: saved.errors });
		return { saved: true };
	}
};
