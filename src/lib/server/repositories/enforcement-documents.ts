// Issued 告知书 and 决定书 as served (migration 020): appended through sealRows, read back as stored.
import type { Db } from '../db/create-database';
import type { EnforcementDocumentTable } from '../db/schema-enforcement';
import { insertSealedRow, type Unsealed } from './sealed';

export type IssuedDocumentRow = Omit<EnforcementDocumentTable, 'id'> & { id: number };

export function insertIssuedDocument(db: Db, row: Unsealed<'enforcement_documents'>): Promise<number> {
	return insertSealedRow(db, 'enforcement_documents', row);
}

export async function getIssuedDocument(
	db: Db,
	enforcementId: number,
	kind: 'notice' | 'decision'
): Promise<IssuedDocumentRow | null> {
	return (
		(await db
			.selectFrom('enforcement_documents')
			.selectAll()
			.where('enforcement_id', '=', enforcementId)
			.where('kind', '=', kind)
			.executeTakeFirst()) ?? null
	);
}

/** Every archived document's text and recorded hashes, for the records check (streamed). */
export function streamIssuedDocuments(
	db: Db
): AsyncIterable<
	Pick<
		IssuedDocumentRow,
		'id' | 'enforcement_id' | 'kind' | 'document_no' | 'content' | 'content_sha256' | 'html' | 'sha256'
	>
> {
	return db
		.selectFrom('enforcement_documents')
		.select(['id', 'enforcement_id', 'kind', 'document_no', 'content', 'content_sha256', 'html', 'sha256'])
		.orderBy('id')
		.stream(200);
}

/** The place names a document prints: 片区 and 居民区 of the case. */
export async function getPlaceNames(db: Db, communityId: number): Promise<{ area: string; community: string }> {
	const r = await db
		.selectFrom('communities')
		.innerJoin('areas', 'areas.id', 'communities.area_id')
		.select(['communities.name', 'areas.name as area_name'])
		.where('communities.id', '=', communityId)
		.executeTakeFirst();
	return { community: r?.name ?? '', area: r?.area_name ?? '' };
}

/** The capture time of the alert the case was opened from, if any. */
export async function getOpeningAlertCapture(db: Db, enforcementId: number): Promise<number | null> {
	const r = await db
		.selectFrom('alerts')
		.select('captured_at')
		.where('enforcement_id', '=', enforcementId)
		.where('parent_alert_id', 'is', null)
		.executeTakeFirst();
	return r?.captured_at ?? null;
}
