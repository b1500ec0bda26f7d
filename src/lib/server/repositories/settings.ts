import type { SettingSpec } from '$lib/domain/settings';
import type { Db } from '../db/create-database';

/** An admin setting (a typed key of domain/settings.ts): its value, or the spec's fallback when absent or unreadable. */
export async function readSetting<T>(db: Db, spec: SettingSpec<T>): Promise<T> {
	return spec.read(await getSetting(db, spec.key));
}

/** Stores an admin setting; the caller runs this inside its transaction when it writes an audit row with it. */
export async function writeSetting<T>(db: Db, spec: SettingSpec<T>, value: T): Promise<void> {
	await setSetting(db, spec.key, spec.write(value));
}

/** Named settings (key → text): the raw row, for the app's own state (import runners, the counts' rules) and the typed reads above. */
export async function getSetting(db: Db, key: string): Promise<string | undefined> {
	const row = await db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst();
	return row?.value;
}

/** A numeric setting; `fallback` when absent or not a finite number (stored as text or JSON). */
export async function getNumberSetting(db: Db, key: string, fallback: number): Promise<number> {
	const raw = await getSetting(db, key);
	const n = raw === undefined ? NaN : Number(raw);
	return Number.isFinite(n) ? n : fallback;
}

export async function setSetting(db: Db, key: string, value: string): Promise<void> {
	await db
		.insertInto('settings')
		.values({ key, value })
		.onConflict((oc) => oc.column('key').doUpdateSet({ value }))
		.execute();
}

export async function deleteSetting(db: Db, key: string): Promise<void> {
	await db.deleteFrom('settings').where('key', '=', key).execute();
}
