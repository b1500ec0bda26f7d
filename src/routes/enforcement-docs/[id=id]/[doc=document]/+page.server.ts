import { m } from '$lib/paraglide/messages';
import { error } from '@sveltejs/kit';
import { requireActor } from '$lib/server/auth/guards';
import { getDb } from '$lib/server/db';
import { loadEnforcementDetail } from '$lib/server/services/enforcement/detail';
import type { PageServerLoad } from './$types';

/** 违法行为告知书 / 处罚决定书: A4 pages rendered from the case's own data, nothing stored as text. */
export const load: PageServerLoad = async (event) => {
	const actor = requireActor(event);
	const detail = await loadEnforcementDetail(getDb(), actor, Number(event.params.id), Date.now());
	if (detail === 'forbidden') error(403, m.err_forbidden());
	if (!detail) error(404, m.err_not_found());
	const doc = event.params.doc as 'notice' | 'decision';
	if ((doc === 'notice' && !detail.row.notice_no) || (doc === 'decision' && !detail.row.decision_no)) error(404, m.enf_doc_not_yet());
	const statement = detail.events.find((e) => e.action === 'record_statement')?.note ?? null;
	return { doc, row: detail.row, shop: detail.shop, rule: detail.rule, category: detail.category, place: detail.place, evidence: detail.evidence, allEvidenceOk: detail.allEvidenceOk, alert: detail.alert, statement };
};
