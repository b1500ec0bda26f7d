import { fail, redirect } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { loadImportOverview, startImport } from '$lib/server/services/hotline/import-upload';
import type { Actions, PageServerLoad } from './$types';
import { requireCan } from '$lib/server/auth/gate';

export const load: PageServerLoad = async (event) => {
	requireCan(event, 'hotline.import');
	return loadImportOverview(getDb());
};

export const actions: Actions = {
	default: async (event) => {
		const actor = requireCan(event, 'hotline.import');
		const file = (await event.request.formData()).get('file');
		if (!(file instanceof File) || file.size === 0) return fail(400, { error: 'file_empty' });
		const started = await startImport(getDb(), file, actor.id, Date.now());
		if (!started.ok) return fail(400, { error: started.code });
		redirect(303, `/hotline/imports/${started.id}`);
	}
};
