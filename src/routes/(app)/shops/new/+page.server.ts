import { error, fail, redirect } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { getDb } from '$lib/server/db';
import { loadShopForm, shopFromCase } from '$lib/server/services/shop-pages';
import { createShop } from '$lib/server/services/shops';
import { readShopForm } from '../shop-form';
import { requireCan } from '$lib/server/auth/gate';
import type { Actions, PageServerLoad } from './$types';

/** `?from=<id>`: the enforcement case the shop is registered for (the officer returns there). */
const caseId = (raw: string | null) => (raw && /^[1-9][0-9]{0,9}$/.test(raw) ? Number(raw) : null);

export const load: PageServerLoad = async (event) => {
	const actor = requireCan(event, 'enforcement.manage_shops');
	return loadShopForm(getDb(), actor, caseId(event.url.searchParams.get('from')), Date.now());
};

export const actions: Actions = {
	default: async (event) => {
		const actor = requireCan(event, 'enforcement.manage_shops');
		const form = await event.request.formData();
		const { input, values } = readShopForm(form);
		const result = await createShop(getDb(), actor, input, Date.now());
		if (!result.ok) {
			if (result.status === 403) error(403, m.err_forbidden());
			return fail(result.status, { values, errors: result.errors });
		}
		const from = await shopFromCase(getDb(), actor, caseId(String(form.get('from') ?? '')));
		// Back to the case with the new shop selected in 关联当事人; linking stays the officer's step.
		redirect(303, from ? `/enforcement/${from.id}?shop=${result.shopId}` : `/shops/${result.shopId}?done=created`);
	}
};
