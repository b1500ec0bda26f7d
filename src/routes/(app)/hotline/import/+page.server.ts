import { fail, redirect } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { startImport } from '$lib/server/services/hotline/import-upload';
import { importRetentionDays } from '$lib/server/services/records/housekeeping';
import type { Actions, PageServerLoad } from './$types';
import { requireCan } from '$lib/server/auth/gate';

export const load: PageServerLoad = async (event) => {
	requireCan(event, 'hotline.import');
	const imports = await getDb().selectFrom('hotline_imports').selectAll().orderBy('id', 'desc').limit(10).execute();
	return { imports, retentionDays: await importRetentionDays(getDb()) };
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
