import { getDb } from '$lib/server/db';
import { fileResponse } from '$lib/server/file-response';
import { readOrderEvidence } from '$lib/server/services/stored-files';
import type { RequestHandler } from './$types';
import { requireActor } from '$lib/server/auth/gate';

/** 退单 evidence, served only to those who may see the order. */
export const GET: RequestHandler = async (event) => {
	const actor = requireActor(event);
	return fileResponse(await readOrderEvidence(getDb(), actor, event.params.id));
};
