import { fail } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { refill, text } from '$lib/server/form';
import { saveImportRetention } from '$lib/server/services/admin-settings';
import { importRetentionDays } from '$lib/server/services/records/housekeeping';
import type { Actions, PageServerLoad } from './$types';
import { requireCan } from '$lib/server/auth/gate';

export const load: PageServerLoad = async (event) => {
	requireCan(event, 'admin.manage');
	return { days: await importRetentionDays(getDb()) };
};

export const actions: Actions = {
	default: async (event) => {
		const admin = requireCan(event, 'admin.manage');
		const raw = text(await event.request.formData(), 'days');
		const saved = await saveImportRetention(getDb(), admin.id, raw, Date.now());
		if (!saved.ok) return fail(400, { values: { days: refill(raw, 20) }, error: 'retention_invalid' });
		return { saved: true, deleted: saved.deleted };
	}
};
