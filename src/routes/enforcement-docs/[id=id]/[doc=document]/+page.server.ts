import { m } from '$lib/paraglide/messages';
import { error } from '@sveltejs/kit';
import { maskName, maskPhone } from '$lib/domain/personal-data';
import { getDb } from '$lib/server/db';
import { loadEnforcementDetail } from '$lib/server/services/enforcement/detail';
import { loadShownDocument } from '$lib/server/services/enforcement/documents';
import type { PageServerLoad } from './$types';
import { can } from '$lib/domain/access';
import { requireActor } from '$lib/server/auth/gate';

/** 违法行为告知书 / 处罚决定书: the document as archived when issued (migration 020), never composed again. */
export const load: PageServerLoad = async (event) => {
	const actor = requireActor(event);
	const db = getDb();
	const detail = await loadEnforcementDetail(db, actor, Number(event.params.id), Date.now());
	if (detail === 'forbidden') error(403, m.err_forbidden());
	if (!detail) error(404, m.err_not_found());
	const doc = event.params.doc as 'notice' | 'decision';
	const shown = await loadShownDocument(db, detail.row, doc);
	if (!shown) error(404, m.enf_doc_not_yet());
	const { content, archive } = shown;
	// The archive holds the party as served; the owner's name and phone stay masked for those who may not see them.
	const full = can(actor, 'enforcement.personal_data');
	const party =
		content.party && !full
			? {
					...content.party,
					ownerName: content.party.ownerName && maskName(content.party.ownerName),
					phone: content.party.phone && maskPhone(content.party.phone)
				}
			: content.party;
	// Evidence is re-hashed on every view (loadEnforcementDetail): each archived item with its check today.
	const checks = new Map(detail.evidence.map((e) => [e.id, e.check]));
	const evidence = content.evidence.map((e) => ({ ...e, check: checks.get(e.id) ?? ('missing' as const) }));
	return { id: detail.row.id, doc, content: { ...content, party }, evidence, archive, canDownload: !!archive && full };
};
