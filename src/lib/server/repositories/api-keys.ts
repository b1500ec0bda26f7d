// API keys of the integrations: only the SHA-256 of each secret is stored (auth/api-keys.ts makes and
// checks keys). A key is found by its public prefix.
import type { Db } from '../db/create-database';
import type { Insertable } from 'kysely';
import type { ApiKeyTable } from '../db/schema-hotline';

export async function insertApiKey(db: Db, key: Insertable<ApiKeyTable>): Promise<number> {
	return (await db.insertInto('api_keys').values(key).returning('id').executeTakeFirstOrThrow()).id;
}

export const findApiKeyByPrefix = (db: Db, prefix: string) =>
	db.selectFrom('api_keys').selectAll().where('prefix', '=', prefix).executeTakeFirst();

export async function markApiKeyUsed(db: Db, id: number, now: number): Promise<void> {
	await db.updateTable('api_keys').set({ last_used_at: now }).where('id', '=', id).execute();
}

/** Revokes a key not yet revoked; false when there is no such live key. */
export async function revokeApiKeyRow(db: Db, id: number, now: number): Promise<boolean> {
	const r = await db
		.updateTable('api_keys')
		.set({ revoked_at: now })
		.where('id', '=', id)
		.where('revoked_at', 'is', null)
		.executeTakeFirst();
	return Number(r.numUpdatedRows) === 1;
}

export async function listApiKeys(db: Db) {
	return db
		.selectFrom('api_keys')
		.innerJoin('users', 'users.id', 'api_keys.created_by')
		.select([
			'api_keys.id',
			'api_keys.name',
			'api_keys.prefix',
			'api_keys.created_at',
			'api_keys.revoked_at',
			'api_keys.last_used_at',
			'api_keys.integration',
			'users.display_name as created_by_name'
		])
		.orderBy('api_keys.id', 'desc')
		.execute();
}
