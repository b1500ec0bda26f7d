// 告知书 and 决定书: composed from the case's facts at the moment of issue, archived in the same
// transaction as the step that issues them (migration 020), and shown from the archive ever after.
import { createHash } from 'node:crypto';
import {
	canonicalJson,
	composeEnforcementDocument,
	parseDocumentContent,
	type DocumentKind,
	type IssuedDocumentContent
} from '$lib/domain/enforcement-document-content';
import { renderDocumentHtml } from '$lib/domain/enforcement-document-html';
import { ISSUER } from '$lib/domain/enforcement-documents';
import type { Db } from '../../db/create-database';
import type { EnforcementCaseTable } from '../../db/schema-enforcement';
import type { Selectable } from 'kysely';
import {
	getEnforcementRow,
	getEnforcementRule,
	listEnforcementEvents,
	listEvidence
} from '../../repositories/enforcement';
import {
	getIssuedDocument,
	getOpeningAlertCapture,
	getPlaceNames,
	insertIssuedDocument,
	streamIssuedDocuments
} from '../../repositories/enforcement-documents';
import { getCaseCategory } from '../../repositories/reference';
import { getShop } from '../../repositories/shops';
import { getAppealRoutes } from './appeal-settings';

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/** The document as the case's data reads now (a document issued before archiving began, or to archive one). */
export async function composeFromCase(
	db: Db,
	row: Selectable<EnforcementCaseTable>,
	kind: DocumentKind
): Promise<IssuedDocumentContent | null> {
	const number = kind === 'notice' ? row.notice_no : row.decision_no;
	const issuedAt = kind === 'notice' ? row.notice_at : row.decision_at;
	if (!number || issuedAt === null) return null;
	const [shop, category, rule, place, capturedAt, events, evidence, appeal] = await Promise.all([
		row.shop_id === null ? null : getShop(db, row.shop_id),
		getCaseCategory(db, row.category_code),
		getEnforcementRule(db, row.category_code),
		getPlaceNames(db, row.community_id),
		getOpeningAlertCapture(db, row.id),
		listEnforcementEvents(db, row.id),
		listEvidence(db, row.id),
		getAppealRoutes(db)
	]);
	const statement = events.find((e) => e.action === 'record_statement')?.note ?? null;
	return composeEnforcementDocument({
		kind,
		number,
		issuer: ISSUER,
		issuedAt,
		party: shop
			? {
					name: shop.sign_name,
					creditCode: shop.credit_code,
					ownerName: shop.owner_name,
					phone: shop.phone,
					address: shop.address
				}
			: null,
		seenAt: capturedAt ?? row.created_at,
		address: row.address,
		place,
		violation: category?.minor ?? row.category_code,
		violated: rule?.violated ?? null,
		penaltyBasis: rule?.penalty_basis ?? null,
		proposedFine: row.proposed_fine,
		statementDueAt: row.statement_due_at,
		notice: row.notice_no && row.notice_at !== null ? { number: row.notice_no, at: row.notice_at } : null,
		statement,
		fine: row.fine,
		paymentDueAt: row.payment_due_at,
		appeal,
		evidence: evidence.map((e) => ({
			id: e.id,
			kind: e.kind,
			cameraId: e.camera_id,
			capturedAt: e.captured_at,
			sha256: e.sha256
		}))
	});
}

/**
 * Archives the document just issued: call inside the issuing step's transaction, after the case
 * row carries its number and date and the event is appended.
 */
export async function archiveIssuedDocument(
	trx: Db,
	enforcementId: number,
	kind: DocumentKind,
	eventId: number,
	actorId: number
): Promise<void> {
	const row = await getEnforcementRow(trx, enforcementId);
	if (!row) throw new Error(`enforcement ${enforcementId} not found`);
	const content = await composeFromCase(trx, row, kind);
	if (!content) throw new Error(`enforcement ${enforcementId}: ${kind} has no number to archive`);
	const json = canonicalJson(content);
	const html = renderDocumentHtml(content);
	await insertIssuedDocument(trx, {
		enforcement_id: enforcementId,
		event_id: eventId,
		kind,
		document_no: content.number,
		issued_at: content.issuedAt,
		issued_by: actorId,
		content: json,
		content_sha256: sha256(json),
		html,
		sha256: sha256(html)
	});
}

export interface ShownDocument {
	content: IssuedDocumentContent;
	/** The archive row's hashes and whether the stored text still matches them; null when not archived. */
	archive: { sha256: string; contentSha256: string; intact: boolean } | null;
}

/** The document to show: the archived one, or (issued before migration 020) one composed from today's data. */
export async function loadShownDocument(
	db: Db,
	row: Selectable<EnforcementCaseTable>,
	kind: DocumentKind
): Promise<ShownDocument | null> {
	const archived = await getIssuedDocument(db, row.id, kind);
	if (archived) {
		const content = parseDocumentContent(archived.content);
		const intact = sha256(archived.content) === archived.content_sha256 && sha256(archived.html) === archived.sha256;
		if (content)
			return { content, archive: { sha256: archived.sha256, contentSha256: archived.content_sha256, intact } };
	}
	const content = await composeFromCase(db, row, kind);
	return content ? { content, archive: null } : null;
}

/** The archived HTML file, as served. */
export async function loadArchivedHtml(
	db: Db,
	enforcementId: number,
	kind: DocumentKind
): Promise<{ html: string; sha256: string; number: string } | null> {
	const r = await getIssuedDocument(db, enforcementId, kind);
	return r ? { html: r.html, sha256: r.sha256, number: r.document_no } : null;
}

export interface DocumentCheck {
	documents: number;
	problems: { id: number; enforcementId: number; kind: string; documentNo: string }[];
}

/** For `npm run verify`: each archived document's content and HTML re-hashed against the hashes recorded at issue. */
export async function verifyIssuedDocuments(db: Db): Promise<DocumentCheck> {
	const report: DocumentCheck = { documents: 0, problems: [] };
	for await (const d of streamIssuedDocuments(db)) {
		report.documents++;
		if (sha256(d.content) !== d.content_sha256 || sha256(d.html) !== d.sha256)
			report.problems.push({ id: d.id, enforcementId: d.enforcement_id, kind: d.kind, documentNo: d.document_no });
	}
	return report;
}
