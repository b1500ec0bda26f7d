import { fail } from '@sveltejs/kit';
import { API_INTEGRATIONS, createApiKey, isApiIntegration, listApiKeys, revokeApiKey } from '$lib/server/auth/api-keys';
import { getDb } from '$lib/server/db';
import { text } from '$lib/server/form';
import { appendAudit } from '$lib/server/repositories/audit';
import type { Actions, PageServerLoad } from './$types';
import { requireCan } from '$lib/server/auth/gate';

export const load: PageServerLoad = async (event) => {
	requireCan(event, 'admin.manage');
	return { keys: await listApiKeys(getDb()), integrations: API_INTEGRATIONS };
};

export const actions: Actions = {
	create: async (event) => {
		const actor = requireCan(event, 'admin.manage');
		const form = await event.request.formData();
		const name = text(form, 'name').trim();
		const integration = text(form, 'integration');
		if (!name || name.length > 60) return fail(400, { name, integration, error: name ? 'too_long' : 'required' });
		if (!isApiIntegration(integration)) return fail(400, { name, integration, error: 'invalid' });
		const now = Date.now();
		const created = await getDb()
			.transaction()
			.execute(async (trx) => {
				const key = await createApiKey(trx, name, actor.id, now, integration);
				await appendAudit(trx, { at: now, actorId: actor.id, action: 'api_key.create', target: `api_key:${key.id}`, detail: { name, integration, prefix: key.prefix } });
				return key;
			});
		// The key is shown this once; only its hash is kept.
		return { created: { name, integration, key: created.key } };
	},
	revoke: async (event) => {
		const actor = requireCan(event, 'admin.manage');
		const id = Number(text(await event.request.formData(), 'id'));
		const now = Date.now();
		const revoked =
			Number.isInteger(id) &&
			(await getDb()
				.transaction()
				.execute(async (trx) => {
					if (!(await revokeApiKey(trx, id, now))) return false;
					await appendAudit(trx, { at: now, actorId: actor.id, action: 'api_key.revoke', target: `api_key:${id}`, detail: {} });
					return true;
				}));
		if (!revoked) return fail(400, { error: 'invalid' });
		return { revoked: id };
	}
};
