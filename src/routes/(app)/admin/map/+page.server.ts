import { fail } from '@sveltejs/kit';
import { BASE_MAP_KINDS, checkBaseMap, type BaseMapField } from '$lib/domain/base-map';
import { getDb } from '$lib/server/db';
import { refill, text } from '$lib/server/form';
import { loadBaseMapSetting, saveBaseMapSetting } from '$lib/server/services/admin-settings';
import type { Actions, PageServerLoad } from './$types';
import { requireCan } from '$lib/server/auth/gate';

export const load: PageServerLoad = async (event) => {
	requireCan(event, 'admin.manage');
	return { config: await loadBaseMapSetting(getDb()), kinds: BASE_MAP_KINDS };
};

const FIELDS: BaseMapField[] = ['kind', 'key', 'url', 'subdomains', 'attribution', 'datum'];

export const actions: Actions = {
	default: async (event) => {
		const admin = requireCan(event, 'admin.manage');
		const form = await event.request.formData();
		const values = Object.fromEntries(FIELDS.map((k) => [k, refill(text(form, k), 500)])) as Record<
			BaseMapField,
			string
		>;
		const check = checkBaseMap(values);
		if (!check.ok) return fail(400, { values, errors: check.errors });
		await saveBaseMapSetting(getDb(), admin.id, check.value, Date.now());
		return { saved: true };
	}
};
