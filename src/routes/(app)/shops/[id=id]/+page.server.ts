import { error, fail, redirect } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { getDb } from '$lib/server/db';
import { text } from '$lib/server/form';
import { loadShopPage } from '$lib/server/services/shop-pages';
import { updateShop } from '$lib/server/services/shops';
import { readShopForm } from '../shop-form';
import { requireCan } from '$lib/server/auth/gate';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const actor = requireCan(event, 'enforcement.view_shops');
	const page = await loadShopPage(getDb(), actor, Number(event.params.id), Date.now());
	if (page === 'forbidden') error(403, m.err_forbidden());
	if (!page) error(404, m.shop_not_found());
	return page;
};

export const actions: Actions = {
	update: async (event) => {
		const actor = requireCan(event, 'enforcement.manage_shops');
		const form = await event.request.formData();
		const { input, values } = readShopForm(form);
		// The version the editor saw is required: a post without it must not overwrite anyone's save.
		const expected = text(form, 'updatedAt');
		if (!/^[0-9]{1,16}$/.test(expected)) return fail(409, { values, errors: { form: 'stale' } });
		const result = await updateShop(
			getDb(),
			actor,
			Number(event.params.id),
			{ ...input, expectedUpdatedAt: Number(expected) },
			Date.now()
		);
		if (!result.ok) {
			if (result.status === 403) error(403, m.err_forbidden());
			if (result.status === 404) error(404, m.shop_not_found());
			return fail(result.status, { values, errors: result.errors });
		}
		redirect(303, `/shops/${result.shopId}?done=saved`);
	}
};
