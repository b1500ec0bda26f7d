import { m } from '$lib/paraglide/messages';
import { error } from '@sveltejs/kit';
import { readFile } from 'node:fs/promises';
import { evidenceDir } from '$lib/server/config';
import { getDb } from '$lib/server/db';
import { resolvePhotoPath } from '$lib/server/photos';
import { findEvidenceFile } from '$lib/server/repositories/alerts';
import type { RequestHandler } from './$types';
import { can } from '$lib/domain/access';
import { requireActor } from '$lib/server/auth/gate';

/** Evidence (camera frames, re-check photos) is served as stored, to those who review alerts or see enforcement cases. */
export const GET: RequestHandler = async (event) => {
	const actor = requireActor(event);
	const row = await findEvidenceFile(getDb(), event.params.id);
	if (!row) error(404, m.err_photo_not_found());
	// An officer reviews only the enforcement-eligible alerts, so sees only their frames (as the queue does).
	const reviewable = can(actor, 'alerts.review', { track: row.track ?? '' });
	// An alert's frames belong to the enforcement case opened from it (the evidence row itself never changes).
	const allowed =
		reviewable || ((row.enforcement_id ?? row.alert_enforcement_id) !== null && can(actor, 'enforcement.view'));
	if (!allowed) error(403, m.err_forbidden());
	const full = event.params.size === 'full';
	const body = await readFile(resolvePhotoPath(evidenceDir(), full ? row.path : row.thumb_path)).catch(
		(e: NodeJS.ErrnoException) => {
			if (e.code === 'ENOENT') error(404, m.err_photo_not_found());
			throw e;
		}
	);
	return new Response(body, {
		headers: {
			'Content-Type': full ? row.mime : 'image/jpeg',
			'Cache-Control': 'private, max-age=86400',
			'Content-Disposition': 'inline',
			'X-Content-Type-Options': 'nosniff'
		}
	});
};
