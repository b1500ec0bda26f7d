import { getDb } from '$lib/server/db';
import { fileResponse } from '$lib/server/file-response';
import { readEvidence } from '$lib/server/services/stored-files';
import type { RequestHandler } from './$types';
import { requireActor } from '$lib/server/auth/gate';

/** Evidence is served as stored, to those who review alerts or see enforcement cases. */
export const GET: RequestHandler = async (event) => {
	const actor = requireActor(event);
	return fileResponse(await readEvidence(getDb(), actor, event.params.id, event.params.size === 'full'));
};
