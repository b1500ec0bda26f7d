// Photos and evidence are served only to those who may see the record they belong to. Each reader
// answers with the file's bytes, or says why not; the route turns that into 403 or 404.
import { can, type Actor } from '$lib/domain/access';
import { evidenceDir, photoDir } from '../config';
import type { Db } from '../db/create-database';
import { storageAt } from '../storage/storage';
import { findEvidenceFile } from '../repositories/alerts';
import { getAttachment } from '../repositories/case-events';
import { getCaseRow } from '../repositories/cases';
import { getOrderAttachment } from '../repositories/hotline-orders';
import { listOrdersLinkedToPhotoCase } from '../repositories/order-case-links';
import { getCaseCategory } from '../repositories/reference';
import { toCaseScope } from './case-mapping';

export type StoredFile = { body: Buffer; mime: string } | 'not_found' | 'forbidden';

/** The file's bytes (from the folder or the object store); a row whose file is gone is 'not_found', any other read error is thrown. */
async function read(dir: string, rel: string, mime: string): Promise<StoredFile> {
	const body = await storageAt(dir).get(rel);
	return body ? { body, mime } : 'not_found';
}

/** A case photo, to whoever may see the case; a case's after photos also to the viewers of the 12345 orders linked to it (they are the draft 答复). */
export async function readCasePhoto(db: Db, actor: Actor, id: string, thumb: boolean): Promise<StoredFile> {
	const photo = await getAttachment(db, id);
	if (!photo) return 'not_found';
	const caseRow = await getCaseRow(db, photo.case_id);
	if (!caseRow) return 'forbidden';
	const category = await getCaseCategory(db, caseRow.category_code);
	const viaOrder = async () =>
		photo.kind === 'after' &&
		(await listOrdersLinkedToPhotoCase(db, caseRow.id)).some((o) =>
			can(actor, 'hotline.view', { departmentId: o.department_id })
		);
	if (!can(actor, 'case.view', toCaseScope(caseRow, category?.track ?? 'grid')) && !(await viaOrder()))
		return 'forbidden';
	return read(photoDir(), thumb ? photo.thumb_path : photo.path, 'image/jpeg');
}

/**
 * Evidence (camera frames, re-check photos), to those who review the alert's track, or who see
 * enforcement cases when the frame belongs to one (an alert's frames belong to the case opened from it).
 */
export async function readEvidence(db: Db, actor: Actor, id: string, full: boolean): Promise<StoredFile> {
	const row = await findEvidenceFile(db, id);
	if (!row) return 'not_found';
	const reviewable = can(actor, 'alerts.review', { track: row.track ?? '' });
	const allowed =
		reviewable || ((row.enforcement_id ?? row.alert_enforcement_id) !== null && can(actor, 'enforcement.view'));
	if (!allowed) return 'forbidden';
	return read(evidenceDir(), full ? row.path : row.thumb_path, full ? row.mime : 'image/jpeg');
}

/** 退单 evidence of a 12345 order, to those who may see the order. */
export async function readOrderEvidence(db: Db, actor: Actor, id: string): Promise<StoredFile> {
	const photo = await getOrderAttachment(db, id);
	if (!photo) return 'not_found';
	if (!can(actor, 'hotline.view', { departmentId: photo.department_id })) return 'forbidden';
	return read(photoDir(), photo.path, 'image/jpeg');
}
