import { m } from '$lib/paraglide/messages';
import { error } from '@sveltejs/kit';
import { readFile } from 'node:fs/promises';
import { hasEnforcementCapability } from '$lib/domain/enforcement-permissions';
import { requireActor } from '$lib/server/auth/guards';
import { evidenceDir } from '$lib/server/config';
import { getDb } from '$lib/server/db';
import { resolvePhotoPath } from '$lib/server/photos';
import type { RequestHandler } from './$types';

/** Evidence (camera frames, re-check photos) is served as stored, to those who review alerts or see enforcement cases. */
export const GET: RequestHandler = async (event) => {
	const actor = requireActor(event);
	const row = await getDb().selectFrom('evidence_files').select(['path', 'thumb_path', 'mime', 'enforcement_id']).where('id', '=', event.params.id).executeTakeFirst();
	if (!row) error(404, m.err_photo_not_found());
	const allowed = hasEnforcementCapability(actor, 'review_alerts') || (row.enforcement_id !== null && hasEnforcementCapability(actor, 'view'));
	if (!allowed) error(403, m.err_forbidden());
	const full = event.params.size === 'full';
	const body = await readFile(resolvePhotoPath(evidenceDir(), full ? row.path : row.thumb_path)).catch((e: NodeJS.ErrnoException) => {
		if (e.code === 'ENOENT') error(404, m.err_photo_not_found());
		throw e;
	});
	return new Response(body, {
		headers: { 'Content-Type': full ? row.mime : 'image/jpeg', 'Cache-Control': 'private, max-age=86400', 'Content-Disposition': 'inline', 'X-Content-Type-Options': 'nosniff' }
	});
};
