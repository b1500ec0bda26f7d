import { error } from '@sveltejs/kit';
import { readFile } from 'node:fs/promises';
import { m } from '$lib/paraglide/messages';
import { photoDir } from '$lib/server/config';
import { getDb } from '$lib/server/db';
import { resolvePhotoPath } from '$lib/server/photos';
import { getOrderAttachment } from '$lib/server/repositories/hotline-orders';
import type { RequestHandler } from './$types';
import { assertCan, requireActor } from '$lib/server/auth/gate';

/** 退单 evidence, served only to those who may see the order. */
export const GET: RequestHandler = async (event) => {
	const actor = requireActor(event);
	const photo = await getOrderAttachment(getDb(), event.params.id);
	if (!photo) error(404, m.err_photo_not_found());
	assertCan(actor, 'hotline.view', { departmentId: photo.department_id });
	const body = await readFile(resolvePhotoPath(photoDir(), photo.path)).catch((e: NodeJS.ErrnoException) => {
		if (e.code === 'ENOENT') error(404, m.err_photo_not_found());
		throw e;
	});
	return new Response(body, { headers: { 'Content-Type': 'image/jpeg', 'Cache-Control': 'private, max-age=86400' } });
};
