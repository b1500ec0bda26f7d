import { error, fail, redirect } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { getDb } from '$lib/server/db';
import { text } from '$lib/server/form';
import { loadImportStatus, startCommit } from '$lib/server/services/hotline/import-upload';
import type { Actions, PageServerLoad } from './$types';
import { requireCan } from '$lib/server/auth/gate';

export const load: PageServerLoad = async (event) => {
	requireCan(event, 'hotline.import');
	const status = await loadImportStatus(getDb(), Number(event.params.id));
	if (!status) error(404, m.err_not_found());
	return status;
};

export const actions: Actions = {
	commit: async (event) => {
		const actor = requireCan(event, 'hotline.import');
		const mode = text(await event.request.formData(), 'mode') === 'valid_only' ? 'valid_only' : 'all_or_nothing';
		const started = await startCommit(getDb(), Number(event.params.id), mode, actor.id, Date.now());
		if (!started.ok) return fail(started.code === 'not_found' ? 404 : 400, { error: started.code });
		redirect(303, `/hotline/imports/${event.params.id}`);
	}
};
