import { fail } from '@sveltejs/kit';
import { requireAdmin } from '$lib/server/auth/guards';
import { getDb } from '$lib/server/db';
import { refill, text } from '$lib/server/form';
import { saveImportRetention } from '$lib/server/services/admin-settings';
import { importRetentionDays } from '$lib/server/services/records/housekeeping';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	requireAdmin(event);
	return { days: await importRetentionDays(getDb()) };
};

export const actions: Actions = {
	default: async (event) => {
		const admin = requireAdmin(event);
		const raw = text(await event.request.formData(), 'days');
		const saved = await saveImportRetention(getDb(), admin.id, raw, Date.now());
		if (!saved.ok) return fail(400, { values: { days: refill(raw, 20) }, error: 'retention_invalid' });
		return { saved: true, deleted: saved.deleted };
	}
};
