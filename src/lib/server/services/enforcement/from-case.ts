import { ENFORCEMENT_TRACK } from '$lib/domain/alert-review';
import { evidenceDir, photoDir } from '../../config';
import type { Db } from '../../db/create-database';
import { discardEvidence, storeEvidenceAll } from '../../evidence';
import { evidenceFileRow } from '../evidence-rows';
import { readStored } from '../../storage/storage';
import { loadCalendar } from '../../repositories/calendar';
import { listCasePhotoFiles } from '../../repositories/case-events';
import { getCaseRow } from '../../repositories/cases';
import { insertEvidenceFiles } from '../../repositories/enforcement';
import { getCaseCategory } from '../../repositories/reference';
import { applyCaseAction, type ActionResult } from '../case-actions';
import { createEnforcementCase } from './open';
import { type Actor, can } from '$lib/domain/access';
import { NOT_FOUND, FORBIDDEN } from '../record-refusals';

export type FromCaseResult =
	| { ok: true; enforcementId: number; code: string }
	| Exclude<ActionResult, { ok: true }>
	| { ok: false; status: 400; code: 'not_enforcement_category' | 'description_required' };

/**
 * A patrol photo of 乱设摊 / 跨门营业 goes down the enforcement track: the grid case is 作废 with the
 * reason, and an enforcement case opens with the case's photos as evidence (hashed now, as received
 * from the case's store) — both in one transaction.
 */
export async function convertCaseToEnforcement(
	db: Db,
	actor: Actor,
	caseId: number,
	version: number,
	description: string,
	now: number
): Promise<FromCaseResult> {
	if (!can(actor, 'enforcement.open')) return FORBIDDEN;
	const row = await getCaseRow(db, caseId);
	if (!row) return NOT_FOUND;
	const category = await getCaseCategory(db, row.category_code);
	if (category?.track !== ENFORCEMENT_TRACK) return { ok: false, status: 400, code: 'not_enforcement_category' };
	const text = description.trim();
	if (!text) return { ok: false, status: 400, code: 'description_required' };

	const photos = await listCasePhotoFiles(db, caseId, 'before', 6);
	const inputs = await Promise.all(
		photos.map(async (p) => ({
			name: `${p.id}.jpg`,
			bytes: new Uint8Array(await readStored(photoDir(), p.path))
		}))
	);
	const stored = await storeEvidenceAll(evidenceDir(), inputs, now);
	const calendar = await loadCalendar(db);
	let created: { id: number; code: string } | null = null;
	try {
		const r = await applyCaseAction(
			db,
			actor,
			caseId,
			version,
			{ action: 'void', reason: `转非现场执法：${text}` },
			[],
			now,
			async (w) => {
				created = await createEnforcementCase(
					w,
					actor.id,
					{
						categoryCode: row.category_code,
						description: text,
						address: row.address,
						lng: row.lng,
						lat: row.lat,
						areaId: row.area_id,
						communityId: row.community_id,
						cameraId: null,
						shopId: null,
						alertId: null,
						caseId
					},
					now,
					calendar
				);
				const id = created.id;
				await insertEvidenceFiles(
					w.trx,
					stored.map((s, i) =>
						evidenceFileRow(s, {
							enforcement_id: id,
							kind: 'photo',
							seq: i,
							source: `case:${row.code}`,
							captured_at: photos[i].captured_at ?? row.reported_at,
							uploaded_by: row.reporter_id,
							created_at: now
						})
					)
				);
			}
		);
		if (!r.ok) {
			await discardEvidence(evidenceDir(), stored);
			return r;
		}
	} catch (e) {
		await discardEvidence(evidenceDir(), stored);
		throw e;
	}
	const done = created as { id: number; code: string } | null;
	if (!done) throw new Error('enforcement case was not created');
	return { ok: true, enforcementId: done.id, code: done.code };
}
