import { error, fail, redirect } from '@sveltejs/kit';
import { shanghaiDate } from '$lib/domain/working-days';
import { m } from '$lib/paraglide/messages';
import { loadBaseMap } from '$lib/server/base-map';
import { getDb } from '$lib/server/db';
import { getEnforcementRow } from '$lib/server/repositories/enforcement';
import { loadGeography } from '$lib/server/repositories/reference';
import { createShop } from '$lib/server/services/shops';
import { readShopForm } from '../shop-form';
import { requireCan } from '$lib/server/auth/gate';
import type { Actions, PageServerLoad } from './$types';
import { type Actor, can } from '$lib/domain/access';

/** `?from=<id>`: the enforcement case the shop is registered for (the officer returns there); else null. */
async function fromCase(actor: Actor, raw: string | null) {
	if (!raw || !/^[1-9][0-9]{0,9}$/.test(raw) || !can(actor, 'enforcement.view')) return null;
	const row = await getEnforcementRow(getDb(), Number(raw));
	return row ? { id: row.id, code: row.code, address: row.address, lng: row.lng, lat: row.lat } : null;
}

export const load: PageServerLoad = async (event) => {
	const actor = requireCan(event, 'enforcement.manage_shops');
	const db = getDb();
	const [from, geo, baseMap] = await Promise.all([
		fromCase(actor, event.url.searchParams.get('from')),
		loadGeography(db, shanghaiDate(Date.now())),
		loadBaseMap(db)
	]);
	// From a case, the form starts at the case's place: the shop is usually where the conduct was seen.
	const prefill = from ? { address: from.address, lng: String(from.lng), lat: String(from.lat) } : {};
	return {
		from: from && { id: from.id, code: from.code },
		prefill,
		map: { boundary: geo.boundary, areas: geo.areas.map((a) => ({ name: a.name, rings: a.rings })), baseMap }
	};
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
		const from = await fromCase(actor, String(form.get('from') ?? ''));
		// Back to the case with the new shop selected in 关联当事人; linking stays the officer's step.
		redirect(303, from ? `/enforcement/${from.id}?shop=${result.shopId}` : `/shops/${result.shopId}?done=created`);
	}
};
