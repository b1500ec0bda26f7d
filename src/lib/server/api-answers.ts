// The machine API's shared answers: every refusal is `{ error: { code, message, … } }` with its
// status, an API key is checked for the integration it was issued for, and a body is read only up to
// its limit (counted as it arrives: a chunked body has no length to check beforehand).
import { json } from '@sveltejs/kit';
import { verifyApiKey, type ApiIntegration } from './auth/api-keys';
import type { Db } from './db/create-database';
import { readCapped } from './read-capped';

export const problem = (status: number, code: string, message: string, extra: Record<string, unknown> = {}) =>
	json({ error: { code, message, ...extra } }, { status });

const WRONG_INTEGRATION: Record<ApiIntegration, string> = {
	hotline: 'This API key belongs to another integration; use a hotline-order key',
	alerts: 'This API key is not for camera alerts',
	stats: 'This API key is not for the statistics'
};

/** The key's id when the request carries a live key of this integration; else the 401 or 403 answer. */
export async function apiKeyOf(
	db: Db,
	request: Request,
	integration: ApiIntegration,
	now: number
): Promise<{ id: number } | Response> {
	const key = await verifyApiKey(db, request.headers.get('authorization'), now);
	if (!key.ok)
		return problem(
			401,
			`api_key_${key.reason}`,
			key.reason === 'revoked'
				? 'API key has been revoked'
				: 'A valid API key is required (Authorization: Bearer gck_…)'
		);
	if (key.integration !== integration) return problem(403, 'wrong_integration', WRONG_INTEGRATION[integration]);
	return { id: key.id };
}

/** The body's bytes, at most `max` of them; else the 413 answer (also when the announced length is over). */
export async function cappedBody(request: Request, max: number): Promise<Uint8Array<ArrayBuffer> | Response> {
	const tooLarge = () => problem(413, 'too_large', `At most ${max} bytes per request`);
	if (Number(request.headers.get('content-length') ?? 0) > max) return tooLarge();
	return (await readCapped(request.body, max)) ?? tooLarge();
}
