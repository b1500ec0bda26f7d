import type { Db } from '../db/create-database';

/** Named settings (key → text) an admin can change without a developer. */
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
	await db.insertInto('settings').values({ key, value }).onConflict((oc) => oc.column('key').doUpdateSet({ value })).execute();
}

export async function deleteSetting(db: Db, key: string): Promise<void> {
	await db.deleteFrom('settings').where('key', '=', key).execute();
}
