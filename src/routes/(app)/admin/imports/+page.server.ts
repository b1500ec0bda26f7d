import { fail } from '@sveltejs/kit';
import { IMPORT_RETENTION_SETTING, parseRetentionDays } from '$lib/domain/retention';
import { importDir } from '$lib/server/config';
import { getDb } from '$lib/server/db';
import { refill, text } from '$lib/server/form';
import { appendAudit } from '$lib/server/repositories/audit';
import { setSetting } from '$lib/server/repositories/settings';
import { importRetentionDays, purgeImportFiles } from '$lib/server/services/records/housekeeping';
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
		const days = parseRetentionDays(raw);
		if (days === null) return fail(400, { values: { days: refill(raw, 20) }, error: 'retention_invalid' });
		const db = getDb();
		const now = Date.now();
		await db.transaction().execute(async (trx) => {
			const before = await importRetentionDays(trx);
			await setSetting(trx, IMPORT_RETENTION_SETTING, String(days));
			await appendAudit(trx, { at: now, actorId: admin.id, action: 'settings.import_retention', target: `setting:${IMPORT_RETENTION_SETTING}`, detail: { from: before, to: days } });
		});
		// A shorter period takes effect now, not at the next sweep.
		const deleted = await purgeImportFiles(db, importDir(), now);
		return { saved: true, deleted: deleted.length };
	}
};
