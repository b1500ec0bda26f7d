import { getDb } from '$lib/server/db';
import { fileResponse } from '$lib/server/file-response';
import { readCasePhoto } from '$lib/server/services/stored-files';
import type { RequestHandler } from './$types';
import { requireActor } from '$lib/server/auth/gate';

/** Photos are served only to signed-in users who may see the case. */
export const GET: RequestHandler = async (event) => {
	const actor = requireActor(event);
	return fileResponse(await readCasePhoto(getDb(), actor, event.params.id, event.params.size === 'thumb'));
};
