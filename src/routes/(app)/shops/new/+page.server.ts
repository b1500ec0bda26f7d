import { error, fail, redirect } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { getDb } from '$lib/server/db';
import { createShop } from '$lib/server/services/shops';
import { readShopForm, requireShops } from '../shop-form';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	requireShops(event, 'manage_shops');
	return {};
};

export const actions: Actions = {
	default: async (event) => {
		const actor = requireShops(event, 'manage_shops');
		const { input, values } = readShopForm(await event.request.formData());
		const result = await createShop(getDb(), actor, input, Date.now());
		if (!result.ok) {
			if (result.status === 403) error(403, m.err_forbidden());
			return fail(result.status, { values, errors: result.errors });
		}
		redirect(303, `/shops/${result.shopId}?done=created`);
	}
};
