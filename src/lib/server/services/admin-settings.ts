// Settings an admin saves from a page of their own (the base map, how long 12345 uploads are kept):
// the typed keys of domain/settings.ts, each change audited (before → after) in one transaction.
// The caller has checked the admin.
import type { BaseMapConfig } from '$lib/domain/base-map';
import { parseRetentionDays } from '$lib/domain/retention';
import { SETTINGS } from '$lib/domain/settings';
import { importDir } from '../config';
import type { Db } from '../db/create-database';
import { auditedChange } from './audited-change';
import { readSetting, writeSetting } from '../repositories/settings';
import { purgeImportFiles } from './records/housekeeping';

export const loadBaseMapSetting = (db: Db): Promise<BaseMapConfig> => readSetting(db, SETTINGS.baseMap);

/** Saves a checked base map; the 天地图 key is a browser key, but it is still not copied into the log. */
export async function saveBaseMapSetting(db: Db, actorId: number, config: BaseMapConfig, now: number): Promise<void> {
	const shown = (c: BaseMapConfig) => ({ ...c, key: c.key ? `${c.key.slice(0, 4)}…` : '' });
	const before = await readSetting(db, SETTINGS.baseMap);
	await auditedChange(
		db,
		{ actorId, at: now },
		(trx) => writeSetting(trx, SETTINGS.baseMap, config),
		() => ({
			action: 'settings.base_map',
			target: `setting:${SETTINGS.baseMap.key}`,
			detail: { from: shown(before), to: shown(config) }
		})
	);
}

/** Saves the retention period typed by the admin; a shorter period deletes the files now expired at once, not at the next sweep. */
export async function saveImportRetention(
	db: Db,
	actorId: number,
	typed: string,
	now: number
): Promise<{ ok: true; deleted: number } | { ok: false }> {
	const days = parseRetentionDays(typed);
	if (days === null) return { ok: false };
	await auditedChange(
		db,
		{ actorId, at: now },
		async (trx) => {
			const before = await readSetting(trx, SETTINGS.importRetentionDays);
			await writeSetting(trx, SETTINGS.importRetentionDays, days);
			return before;
		},
		(before) => ({
			action: 'settings.import_retention',
			target: `setting:${SETTINGS.importRetentionDays.key}`,
			detail: { from: before, to: days }
		})
	);
	const deleted = await purgeImportFiles(db, importDir(), now);
	return { ok: true, deleted: deleted.length };
}
