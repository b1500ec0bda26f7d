import { m } from '$lib/paraglide/messages';
import { error } from '@sveltejs/kit';
import { readFile } from 'node:fs/promises';
import { photoDir } from '$lib/server/config';
import { getDb } from '$lib/server/db';
import { resolvePhotoPath } from '$lib/server/photos';
import { getAttachment } from '$lib/server/repositories/case-events';
import { getCaseRow } from '$lib/server/repositories/cases';
import { listOrdersLinkedToPhotoCase } from '$lib/server/repositories/order-case-links';
import { getCaseCategory } from '$lib/server/repositories/reference';
import { toCaseScope } from '$lib/server/services/case-mapping';
import type { RequestHandler } from './$types';
import { can } from '$lib/domain/access';
import { requireActor } from '$lib/server/auth/gate';

/** Photos are served only to signed-in users who may see the case. */
export const GET: RequestHandler = async (event) => {
	const actor = requireActor(event);
	const db = getDb();
	const photo = await getAttachment(db, event.params.id);
	if (!photo) error(404, m.err_photo_not_found());
	const caseRow = await getCaseRow(db, photo.case_id);
	const category = caseRow ? await getCaseCategory(db, caseRow.category_code) : null;
	if (!caseRow) error(403, m.err_forbidden());
	// A case's after photos are also the draft 答复 of the 12345 orders linked to it: their viewers see them.
	const viaOrder = async () =>
		photo.kind === 'after' &&
		(await listOrdersLinkedToPhotoCase(db, caseRow.id)).some((o) =>
			can(actor, 'hotline.view', { departmentId: o.department_id })
		);
	if (!can(actor, 'case.view', toCaseScope(caseRow, category?.track ?? 'grid')) && !(await viaOrder()))
		error(403, m.err_forbidden());
	const rel = event.params.size === 'thumb' ? photo.thumb_path : photo.path;
	const body = await readFile(resolvePhotoPath(photoDir(), rel)).catch((e: NodeJS.ErrnoException) => {
		if (e.code === 'ENOENT') error(404, m.err_photo_not_found());
		throw e;
	});
	return new Response(body, {
		headers: {
			'Content-Type': 'image/jpeg',
			'Cache-Control': 'private, max-age=86400',
			'Content-Disposition': 'inline'
		}
	});
};
