import { sha256 } from '@oslojs/crypto/sha2';
import { constantTimeEqual } from '@oslojs/crypto/subtle';
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding';
import type { Db } from '../db/create-database';
import { findApiKeyByPrefix, insertApiKey, markApiKeyUsed, revokeApiKeyRow } from '../repositories/api-keys';
import { isBusy } from '../db/busy';

// API keys for integrations (the city 12345 platform pushing orders, the camera platform pushing alerts,
// a reporting system reading the statistics): `gck_<prefix>_<secret>`.
// Only SHA-256(secret) is stored; the whole key is shown once, when it is created.
const KEY_PATTERN = /^gck_([a-z2-7]{8})_([a-z2-7]{32})$/;

const random = (bytes: number) => {
	const b = new Uint8Array(bytes);
	crypto.getRandomValues(b);
	return encodeBase32LowerCaseNoPadding(b);
};
const hashSecret = (secret: string) => encodeHexLowerCase(sha256(new TextEncoder().encode(secret)));

/** Which endpoint a key may use: push 12345 orders, push camera alerts, or read the statistics (a key serves one integration). */
export const API_INTEGRATIONS = ['hotline', 'alerts', 'stats'] as const;
export type ApiIntegration = (typeof API_INTEGRATIONS)[number];
export const isApiIntegration = (s: string): s is ApiIntegration => (API_INTEGRATIONS as readonly string[]).includes(s);

export async function createApiKey(
	db: Db,
	name: string,
	createdBy: number,
	now: number,
	integration: ApiIntegration = 'hotline'
): Promise<{ id: number; key: string; prefix: string; integration: ApiIntegration }> {
	const prefix = random(5);
	const secret = random(20);
	const id = await insertApiKey(db, {
		name,
		prefix,
		secret_hash: hashSecret(secret),
		created_by: createdBy,
		created_at: now,
		revoked_at: null,
		last_used_at: null,
		integration
	});
	return { id, key: `gck_${prefix}_${secret}`, prefix, integration };
}

export type ApiKeyCheck =
	| { ok: true; id: number; name: string; integration: ApiIntegration }
	| { ok: false; reason: 'missing' | 'invalid' | 'revoked' };

/** Checks an `Authorization: Bearer gck_…` header value. */
export async function verifyApiKey(db: Db, authorization: string | null, now: number): Promise<ApiKeyCheck> {
	const token = authorization?.match(/^Bearer\s+(\S+)$/i)?.[1];
	if (!token) return { ok: false, reason: 'missing' };
	const parts = token.match(KEY_PATTERN);
	if (!parts) return { ok: false, reason: 'invalid' };
	const row = await findApiKeyByPrefix(db, parts[1]);
	const given = new TextEncoder().encode(hashSecret(parts[2]));
	if (!row || !constantTimeEqual(given, new TextEncoder().encode(row.secret_hash)))
		return { ok: false, reason: 'invalid' };
	if (row.revoked_at !== null) return { ok: false, reason: 'revoked' };
	// When it was last used is a help to the admin, not worth refusing the call for: a busy database skips it.
	await markApiKeyUsed(db, row.id, now).catch((e: unknown) => {
		if (!isBusy(e)) throw e;
	});
	// An unknown value (never written by this code) gets no integration rather than a guess.
	if (!isApiIntegration(row.integration)) return { ok: false, reason: 'invalid' };
	return { ok: true, id: row.id, name: row.name, integration: row.integration };
}

/** Revokes a live key; false when there is none with this id (or it was revoked already). */
export const revokeApiKey = (db: Db, id: number, now: number): Promise<boolean> => revokeApiKeyRow(db, id, now);
