import { error, fail } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { requireActor } from '$lib/server/auth/guards';
import { API_INTEGRATIONS, createApiKey, isApiIntegration, listApiKeys, revokeApiKey } from '$lib/server/auth/api-keys';
import { getDb } from '$lib/server/db';
import { text } from '$lib/server/form';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

/** API keys are an admin setting. */
function requireAdmin(event: Pick<RequestEvent, 'locals' | 'url'>) {
	const actor = requireActor(event);
	if (actor.role !== 'admin') error(403, m.err_forbidden());
	return actor;
}

export const load: PageServerLoad = async (event) => {
	requireAdmin(event);
	return { keys: await listApiKeys(getDb()), integrations: API_INTEGRATIONS };
};

export const actions: Actions = {
	create: async (event) => {
		const actor = requireAdmin(event);
		const form = await event.request.formData();
		const name = text(form, 'name').trim();
		const integration = text(form, 'integration');
		if (!name || name.length > 60) return fail(400, { name, integration, error: name ? 'too_long' : 'required' });
		if (!isApiIntegration(integration)) return fail(400, { name, integration, error: 'invalid' });
		const created = await createApiKey(getDb(), name, actor.id, Date.now(), integration);
		// The key is shown this once; only its hash is kept.
		return { created: { name, integration, key: created.key } };
	},
	revoke: async (event) => {
		requireAdmin(event);
		const id = Number(text(await event.request.formData(), 'id'));
		if (!Number.isInteger(id) || !(await revokeApiKey(getDb(), id, Date.now()))) return fail(400, { error: 'invalid' });
		return { revoked: id };
	}
};
