// The 决定书's 复议机关, court and time limits (行政处罚法 §59): the admin's settings, audited.
import {
	validateAppealRoutes,
	type AppealError,
	type AppealField,
	type AppealRoutes
} from '$lib/domain/enforcement-appeal';
import { type Actor, can } from '$lib/domain/access';
import { SETTINGS } from '$lib/domain/settings';
import type { Db } from '../../db/create-database';
import { auditedChange } from '../audited-change';
import { readSetting, writeSetting } from '../../repositories/settings';

/** Absent or no longer valid: the defaults of enforcement-appeal.ts. */
export const getAppealRoutes = (db: Db): Promise<AppealRoutes> => readSetting(db, SETTINGS.appealRoutes);

export type SaveAppealResult =
	| { ok: true; value: AppealRoutes }
	| { ok: false; status: 400 | 403; errors: Partial<Record<AppealField | 'form', AppealError | 'forbidden'>> };

/** Checks and saves the routes with an audit entry (before → after) in one transaction. */
export async function saveAppealRoutes(
	db: Db,
	actor: Actor,
	input: Record<AppealField, string>,
	now: number
): Promise<SaveAppealResult> {
	if (!can(actor, 'admin.manage')) return { ok: false, status: 403, errors: { form: 'forbidden' } };
	const checked = validateAppealRoutes(input);
	if (!checked.ok) return { ok: false, status: 400, errors: checked.errors };
	await auditedChange(
		db,
		{ actorId: actor.id, at: now },
		async (trx) => {
			const before = await getAppealRoutes(trx);
			await writeSetting(trx, SETTINGS.appealRoutes, checked.value);
			return before;
		},
		(before) => ({ action: 'settings.appeal_routes', target: 'settings', detail: { before, after: checked.value } })
	);
	return { ok: true, value: checked.value };
}
