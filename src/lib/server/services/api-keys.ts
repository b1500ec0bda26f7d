// API keys for the city's systems (12345 orders, camera alerts, statistics): issued and revoked by
// the admin, each with its audit row in the same transaction. The caller has checked the admin.
import { API_INTEGRATIONS, createApiKey, isApiIntegration, revokeApiKey } from '../auth/api-keys';
import { listApiKeys } from '../repositories/api-keys';
import type { Db } from '../db/create-database';
import { auditedChange } from './audited-change';

const MAX_NAME = 60;

export type IssueApiKeyResult = { ok: true; key: string } | { ok: false; error: 'required' | 'too_long' | 'invalid' };

/** Checks the name and integration, then issues a key; the key itself is returned this once (only its hash is kept). */
export async function issueApiKey(
	db: Db,
	actorId: number,
	name: string,
	integration: string,
	now: number
): Promise<IssueApiKeyResult> {
	if (!name || name.length > MAX_NAME) return { ok: false, error: name ? 'too_long' : 'required' };
	if (!isApiIntegration(integration)) return { ok: false, error: 'invalid' };
	const created = await auditedChange(
		db,
		{ actorId, at: now },
		(trx) => createApiKey(trx, name, actorId, now, integration),
		(key) => ({
			action: 'api_key.create',
			target: `api_key:${key.id}`,
			detail: { name, integration, prefix: key.prefix }
		})
	);
	return { ok: true, key: created.key };
}

/** False when there is no such key or it was already revoked. */
export async function withdrawApiKey(db: Db, actorId: number, id: number, now: number): Promise<boolean> {
	if (!Number.isInteger(id)) return false;
	return auditedChange(
		db,
		{ actorId, at: now },
		(trx) => revokeApiKey(trx, id, now),
		(revoked) => (revoked ? { action: 'api_key.revoke', target: `api_key:${id}`, detail: {} } : null)
	);
}

/** The admin's key list (never a secret: those were shown once), and the integrations a key may serve. */
export async function loadApiKeys(db: Db) {
	return { keys: await listApiKeys(db), integrations: API_INTEGRATIONS };
}
