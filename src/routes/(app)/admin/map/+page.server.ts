import { fail } from '@sveltejs/kit';
import { BASE_MAP_KINDS, BASE_MAP_SETTING, checkBaseMap, parseBaseMap, type BaseMapField } from '$lib/domain/base-map';
import { getDb } from '$lib/server/db';
import { refill, text } from '$lib/server/form';
import { appendAudit } from '$lib/server/repositories/audit';
import { getSetting, setSetting } from '$lib/server/repositories/settings';
import type { Actions, PageServerLoad } from './$types';
import { requireCan } from '$lib/server/auth/gate';

export const load: PageServerLoad = async (event) => {
	requireCan(event, 'admin.manage');
	return { config: parseBaseMap(await getSetting(getDb(), BASE_MAP_SETTING)), kinds: BASE_MAP_KINDS };
};

const FIELDS: BaseMapField[] = ['kind', 'key', 'url', 'subdomains', 'attribution', 'datum'];

export const actions: Actions = {
	default: async (event) => {
		const admin = requireCan(event, 'admin.manage');
		const form = await event.request.formData();
		const values = Object.fromEntries(FIELDS.map((k) => [k, refill(text(form, k), 500)])) as Record<BaseMapField, string>;
		const check = checkBaseMap(values);
		if (!check.ok) return fail(400, { values, errors: check.errors });
		const db = getDb();
		const before = parseBaseMap(await getSetting(db, BASE_MAP_SETTING));
		const now = Date.now();
		await db.transaction().execute(async (trx) => {
			await setSetting(trx, BASE_MAP_SETTING, JSON.stringify(check.value));
			// The 天地图 key is a browser key, but it is still not copied into the log.
			const shown = (c: typeof before) => ({ ...c, key: c.key ? `${c.key.slice(0, 4)}…` : '' });
			await appendAudit(trx, { at: now, actorId: admin.id, action: 'settings.base_map', target: `setting:${BASE_MAP_SETTING}`, detail: { from: shown(before), to: shown(check.value) } });
		});
		return { saved: true };
	}
};
