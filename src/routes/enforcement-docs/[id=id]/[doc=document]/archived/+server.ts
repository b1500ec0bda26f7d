import { m } from '$lib/paraglide/messages';
import { error } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { loadArchivedHtml } from '$lib/server/services/enforcement/documents';
import type { RequestHandler } from './$types';
import { can } from '$lib/domain/access';
import { requireActor } from '$lib/server/auth/gate';

/** The archived HTML file byte for byte, as a download: it names the party in full, so officers only. */
export const GET: RequestHandler = async (event) => {
	const actor = requireActor(event);
	if (!can(actor, 'enforcement.view') || !can(actor, 'enforcement.personal_data')) error(403, m.err_forbidden());
	const archived = await loadArchivedHtml(getDb(), Number(event.params.id), event.params.doc as 'notice' | 'decision');
	if (!archived) error(404, m.enf_doc_not_yet());
	const name = `${event.params.doc}-${event.params.id}.html`;
	return new Response(archived.html, {
		headers: {
			'content-type': 'text/html; charset=utf-8',
			'content-disposition': `attachment; filename="${name}"`,
			'x-content-sha256': archived.sha256,
			'cache-control': 'private, no-store'
		}
	});
};
