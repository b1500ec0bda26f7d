import { fail } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { text } from '$lib/server/form';
import { issueApiKey, loadApiKeys, withdrawApiKey } from '$lib/server/services/api-keys';
import type { Actions, PageServerLoad } from './$types';
import { requireCan } from '$lib/server/auth/gate';

export const load: PageServerLoad = async (event) => {
	requireCan(event, 'admin.manage');
	return loadApiKeys(getDb());
};

export const actions: Actions = {
	create: async (event) => {
		const actor = requireCan(event, 'admin.manage');
		const form = await event.request.formData();
		const name = text(form, 'name').trim();
		const integration = text(form, 'integration');
		const created = await issueApiKey(getDb(), actor.id, name, integration, Date.now());
		if (!created.ok) return fail(400, { name, integration, error: created.error });
		// The key is shown this once; only its hash is kept.
		return { created: { name, integration, key: created.key } };
	},
	revoke: async (event) => {
		const actor = requireCan(event, 'admin.manage');
		const id = Number(text(await event.request.formData(), 'id'));
		if (!(await withdrawApiKey(getDb(), actor.id, id, Date.now()))) return fail(400, { error: 'invalid' });
		return { revoked: id };
	}
};
