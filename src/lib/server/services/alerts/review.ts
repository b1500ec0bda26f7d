import { checkReview, type ReviewDecision, type ReviewRejection } from '$lib/domain/alert-review';
import { evidenceDir } from '../../config';
import type { Db } from '../../db/create-database';
import { readStored } from '../../storage/storage';
import {
	getAlertWithCamera,
	linkDuplicateAlerts,
	listAlertFrameFiles,
	markAlertReviewed,
	type AlertReview
} from '../../repositories/alerts';
import { loadCalendar } from '../../repositories/calendar';
import { getCategory } from '../../repositories/reference';
import { reportCase, type FieldErrors } from '../report-case';
import { createEnforcementCase } from '../enforcement/open';
import { type Actor, can } from '$lib/domain/access';
import { unitOfWork } from '../unit-of-work';

export type ReviewResult =
	| { ok: true; kind: ReviewDecision['kind']; caseId?: number; enforcementId?: number; code?: string }
	| { ok: false; status: 404 | 403 | 409; code: 'not_found' | 'forbidden' | 'stale' }
	| {
			ok: false;
			status: 400;
			code: ReviewRejection | 'unknown_category' | 'case_invalid' | 'frames_missing';
			errors?: FieldErrors;
	  };

class Stale extends Error {}

async function markReviewed(trx: Db, alertId: number, version: number, set: AlertReview, actorId: number, now: number) {
	if (!(await markAlertReviewed(trx, alertId, version, set, actorId, now))) throw new Stale();
}

/** 人工复核 of one alert: false alarm, grid case or enforcement case, all in one transaction. */
export async function reviewAlert(
	db: Db,
	actor: Actor,
	alertId: number,
	version: number,
	decision: ReviewDecision,
	now: number
): Promise<ReviewResult> {
	const alert = await getAlertWithCamera(db, alertId);
	if (!alert) return { ok: false, status: 404, code: 'not_found' };
	if (!can(actor, 'alerts.review')) return { ok: false, status: 403, code: 'forbidden' };
	const own = await getCategory(db, alert.category_code);
	// An officer reviews the enforcement-eligible alerts only; a grid case is the dispatcher's to open.
	if (!can(actor, 'alerts.review', { track: own?.track ?? '' })) return { ok: false, status: 403, code: 'forbidden' };
	if (decision.kind === 'case' && !can(actor, 'case.report')) return { ok: false, status: 403, code: 'forbidden' };
	if (decision.kind === 'enforcement' && !can(actor, 'enforcement.open'))
		return { ok: false, status: 403, code: 'forbidden' };
	if (alert.version !== version) return { ok: false, status: 409, code: 'stale' };

	const chosen = decision.kind === 'false_alarm' ? null : await getCategory(db, decision.categoryCode);
	if (decision.kind !== 'false_alarm' && !chosen) return { ok: false, status: 400, code: 'unknown_category' };
	const rejection = checkReview(alert.status, decision, chosen?.track ?? null);
	if (rejection)
		return rejection === 'not_pending'
			? { ok: false, status: 409, code: 'stale' }
			: { ok: false, status: 400, code: rejection };

	try {
		if (decision.kind === 'false_alarm') {
			await markReviewed(
				db,
				alertId,
				version,
				{ status: 'false_alarm', false_reason: decision.reason, review_note: decision.note.trim() || null },
				actor.id,
				now
			);
			return { ok: true, kind: 'false_alarm' };
		}
		if (decision.kind === 'case') {
			const frames = await listAlertFrameFiles(db, alertId, 6);
			const read = await Promise.all(
				frames.map((f) =>
					readStored(evidenceDir(), f.path).then(
						(b) => new Uint8Array(b),
						() => null
					)
				)
			);
			if (read.some((b) => b === null)) return { ok: false, status: 400, code: 'frames_missing' };
			const beforePhotos = frames.map((f, i) => ({ name: `${f.id}.${f.mime.split('/')[1]}`, bytes: read[i]! }));
			const r = await reportCase(
				db,
				actor,
				{
					mode: 'report',
					source: 'video',
					categoryCode: decision.categoryCode,
					description: decision.description,
					address: `${alert.camera_name}附近`,
					lng: alert.lng,
					lat: alert.lat,
					communityId: alert.community_id,
					handlingNote: '',
					beforePhotos,
					afterPhotos: []
				},
				now,
				async (w, caseId) => {
					await markReviewed(w.trx, alertId, version, { status: 'case', case_id: caseId }, actor.id, now);
					await linkDuplicateAlerts(w.trx, alertId, { case_id: caseId });
				}
			);
			if (!r.ok)
				return r.status === 403
					? { ok: false, status: 403, code: 'forbidden' }
					: { ok: false, status: 400, code: 'case_invalid', errors: r.errors };
			return { ok: true, kind: 'case', caseId: r.caseId, code: r.code };
		}
		const calendar = await loadCalendar(db);
		const created = await unitOfWork(db, async (w) => {
			const c = await createEnforcementCase(
				w,
				actor.id,
				{
					categoryCode: decision.categoryCode,
					description: decision.description.trim(),
					address: `${alert.camera_name}附近`,
					lng: alert.lng,
					lat: alert.lat,
					areaId: alert.area_id,
					communityId: alert.community_id,
					cameraId: alert.camera_id,
					shopId: null,
					alertId
				},
				now,
				calendar
			);
			await markReviewed(w.trx, alertId, version, { status: 'enforcement', enforcement_id: c.id }, actor.id, now);
			// The duplicates' frames travel with the decision: listEvidence finds frames through their alert.
			await linkDuplicateAlerts(w.trx, alertId, { enforcement_id: c.id });
			return c;
		});
		return { ok: true, kind: 'enforcement', enforcementId: created.id, code: created.code };
	} catch (e) {
		if (e instanceof Stale) return { ok: false, status: 409, code: 'stale' };
		throw e;
	}
}
