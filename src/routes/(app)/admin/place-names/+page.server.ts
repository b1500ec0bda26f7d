import { fail } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { optionalId, refill, text } from '$lib/server/form';
import { addPlaceName, loadPlaceNames, removePlaceName } from '$lib/server/services/place-names';
import type { Actions, PageServerLoad } from './$types';
import { requireCan } from '$lib/server/auth/gate';

export const load: PageServerLoad = async (event) => {
	requireCan(event, 'admin.manage');
	return loadPlaceNames(getDb());
};

export const actions: Actions = {
	create: async (event) => {
		const admin = requireCan(event, 'admin.manage');
		const form = await event.request.formData();
		const values = {
			name: refill(text(form, 'name'), 30),
			kind: text(form, 'kind'),
			communityId: refill(text(form, 'communityId'), 12)
		};
		const communityId = /^[1-9][0-9]{0,9}$/.test(values.communityId) ? Number(values.communityId) : 0;
		const r = await addPlaceName(
			getDb(),
			admin.id,
			{ name: text(form, 'name'), kind: values.kind, communityId },
			Date.now()
		);
		return r.ok
			? { action: 'create', done: r.id }
			: fail(400, { action: 'create', id: null, values, field: r.field, code: r.code });
	},
	remove: async (event) => {
		const admin = requireCan(event, 'admin.manage');
		const id = optionalId(await event.request.formData(), 'id');
		if (id === null) return fail(400, { action: 'remove', id, values: {}, field: 'form', code: 'not_found' });
		const r = await removePlaceName(getDb(), admin.id, id, Date.now());
		return r.ok
			? { action: 'remove', done: r.id }
			: fail(404, { action: 'remove', id, values: {}, field: r.field, code: r.code });
	}
};
