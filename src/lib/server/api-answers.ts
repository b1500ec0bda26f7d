// The machine API's shared answers: every refusal is `{ error: { code, message, … } }` with its
// status, an API key is checked for the integration it was issued for, and a body is read only up to
// its limit (counted as it arrives: a chunked body has no length to check beforehand).
import { json } from '@sveltejs/kit';
import { verifyApiKey } from './auth/api-keys';
import type { Db } from './db/create-database';
import { readCapped } from './read-capped';

export const problem = (status: number, code: string, message: string, extra: Record<string, unknown> = {}) =>
	json({ error: { code, message, ...extra } }, { status });

/** The key's id when `authorization` carries a live key of this integration; else the 401 or 403 answer. */
export async function apiKeyOf(
	db: Db,
	authorization: string | null,
	integration: string,
	wrongIntegration: string,
	now: number
): Promise<{ id: number } | Response> {
	const key = await verifyApiKey(db, authorization, now);
	if (!key.ok)
		return problem(
			401,
			`api_key_${key.reason}`,
			key.reason === 'revoked'
				? 'API key has been revoked'
				: 'A valid API key is required (Authorization: Bearer gck_…)'
		);
	if (key.integration !== integration) return problem(403, 'wrong_integration', wrongIntegration);
	return { id: key.id };
}

/** The body's bytes, at most `max` of them; else the 413 answer (also when the announced length is over). */
export async function cappedBody(request: Request, max: number): Promise<Uint8Array<ArrayBuffer> | Response> {
	const tooLarge = () => problem(413, 'too_large', `At most ${max} bytes per request`);
	if (Number(request.headers.get('content-length') ?? 0) > max) return tooLarge();
	return (await readCapped(request.body, max)) ?? tooLarge();
}
