import { openCase } from '$lib/domain/case-opening';
import { CASE_SOURCES, URGENCIES, type CaseSource, type Urgency } from '$lib/domain/case-status';
import { distanceMeters, locatePoint, isValidLngLat, type LngLat } from '$lib/domain/geo';
import { HOTLINE_CASE_SOURCE } from '$lib/domain/order-case-link';
import { shanghaiDate } from '$lib/domain/working-days';
import type { Db } from '../db/create-database';
import type { PhotoInput } from '../photos';
import { loadCalendar } from '../repositories/calendar';
import { countCasesOn } from '../repositories/cases';
import { getCategory, loadGeography } from '../repositories/reference';
import { limitsInForce } from '../repositories/category-limits';
import { limitColumns } from './case-mapping';
import { checkPhotos, discardPhotos, recordPhotos, storePhotos } from './photo-intake';
import { can, type Actor } from '$lib/domain/access';
import { unitOfWork, type RecordWriter } from './unit-of-work';

export const MAX_DESCRIPTION = 2000;
export const MAX_ADDRESS = 200;
/** How far from the point a chosen 居民区 marker may be (near-edge override; markers are ±300 m). */
export const OVERRIDE_RADIUS_M = 1000;

export interface ReportInput {
	mode: 'report' | 'self_handle';
	source: string;
	categoryCode: string;
	description: string;
	address: string;
	lng: number;
	lat: number;
	/** The reporter's override of the 居民区 found from the point (near edges). */
	communityId: number | null;
	handlingNote: string;
	beforePhotos: PhotoInput[];
	afterPhotos: PhotoInput[];
}

export type FieldErrors = Record<string, string>;
export type ReportResult =
	{ ok: true; caseId: number; code: string } | { ok: false; status: 400 | 403; errors: FieldErrors };

/** 上报 / 自行处置: validates everything first, so a rejected report writes nothing. */
export async function reportCase(
	db: Db,
	actor: Actor,
	input: ReportInput,
	now: number,
	/** Runs inside the same transaction once the case exists (an alert's review links it there). */
	within?: (w: RecordWriter, caseId: number, eventId: number) => Promise<void>,
	/**
	 * fromOrder: set only by the 12345 order service: source 12345, and the photos may be none (an order may come without).
	 * capturedAt: when a phone recorded the report (field work), kept on the case.
	 */
	opts: { fromOrder?: boolean; capturedAt?: number } = {}
): Promise<ReportResult> {
	const fromOrder = opts.fromOrder === true;
	if (!can(actor, `case.${input.mode}`)) return { ok: false, status: 403, errors: { form: 'forbidden' } };
	const errors: FieldErrors = {};
	const category = input.categoryCode ? await getCategory(db, input.categoryCode) : null;
	if (!input.categoryCode) errors.categoryCode = 'required';
	else if (!category) errors.categoryCode = 'unknown_category';
	const description = input.description.trim();
	if (!description) errors.description = 'required';
	else if (description.length > MAX_DESCRIPTION) errors.description = 'too_long';
	if (input.address.trim().length > MAX_ADDRESS) errors.address = 'too_long';
	if (input.handlingNote.length > MAX_DESCRIPTION) errors.handlingNote = 'too_long';
	const source = can(actor, 'case.choose_source') ? input.source : 'patrol';
	// Source 12345 belongs to cases opened from an order (and counts as such in the statistics).
	if (!(CASE_SOURCES as readonly string[]).includes(source) || (source === HOTLINE_CASE_SOURCE) !== fromOrder)
		errors.source = 'invalid';

	const geo = await loadGeography(db, shanghaiDate(now));
	let areaId = 0;
	let communityId = 0;
	if (!isValidLngLat(input.lng, input.lat)) errors.point = 'required';
	else {
		const found = locatePoint([input.lng, input.lat] as LngLat, geo.boundary, geo.areas, geo.communities);
		if (!found.ok) errors.point = 'outside_subdistrict';
		else {
			const chosen = input.communityId ? geo.communities.find((c) => c.id === input.communityId) : undefined;
			const tooFar = chosen && distanceMeters([chosen.lng, chosen.lat], [input.lng, input.lat]) > OVERRIDE_RADIUS_M;
			if ((input.communityId && !chosen) || tooFar) errors.communityId = 'invalid';
			communityId = chosen?.id ?? found.communityId;
			areaId = chosen?.areaId ?? found.areaId;
		}
	}
	const before = await checkPhotos('beforePhotos', input.beforePhotos, !fromOrder);
	if (before) errors.beforePhotos = before.code;
	const after = await checkPhotos('afterPhotos', input.afterPhotos, input.mode === 'self_handle');
	if (after) errors.afterPhotos = after.code;
	if (Object.keys(errors).length || !category) return { ok: false, status: 400, errors };

	const [calendar, limits] = await Promise.all([loadCalendar(db), limitsInForce(db, category.code, now)]);
	const opened = openCase(
		{
			mode: input.mode,
			source: source as CaseSource,
			urgency: (URGENCIES as readonly string[]).includes(category.urgency) ? (category.urgency as Urgency) : '一般',
			handleLimit: limits.handleLimit,
			efficientLimit: limits.efficientLimit,
			beforePhotos: input.beforePhotos.length,
			afterPhotos: input.afterPhotos.length,
			note: input.mode === 'self_handle' ? input.handlingNote.trim() || null : null
		},
		now,
		calendar
	);
	if (!opened.ok) return { ok: false, status: 400, errors: { afterPhotos: opened.reason } };

	const beforeStored = await storePhotos(input.beforePhotos, now);
	const afterStored = await storePhotos(input.afterPhotos, now).catch(async (e) => {
		await discardPhotos(beforeStored);
		throw e;
	});
	try {
		return await unitOfWork(db, async (w) => {
			const trx = w.trx;
			const day = shanghaiDate(now);
			const dayStart = Date.parse(`${day}T00:00:00+08:00`);
			const seq = (await countCasesOn(trx, dayStart, dayStart + 86_400_000)) + 1;
			const code = `W${day.replaceAll('-', '')}${String(seq).padStart(4, '0')}`;
			const s = opened.state;
			const e = opened.event;
			const { id: caseId, eventId } = await w.createCase(
				{
					code,
					track: 'grid',
					source,
					status: s.status,
					category_code: category.code,
					urgency: s.urgency,
					description,
					address: input.address.trim(),
					lng: input.lng,
					lat: input.lat,
					area_id: areaId,
					community_id: communityId,
					reporter_id: actor.id,
					handler_id: input.mode === 'self_handle' ? actor.id : null,
					self_handled: input.mode === 'self_handle' ? 1 : 0,
					reported_at: now,
					dispatched_at: s.dispatchedAt,
					deadline_at: s.deadlineAt,
					efficient_deadline_at: s.efficientDeadlineAt,
					...limitColumns(s.handleLimit, s.efficientLimit),
					stage_started_at: s.stageStartedAt,
					stage_deadline_at: s.stageDeadlineAt,
					stage_warn_at: s.stageWarnAt,
					feedback_at: s.feedbackAt,
					supervised: 0,
					rework_count: 0,
					version: 1,
					updated_at: now,
					...(opts.capturedAt === undefined ? {} : { captured_at: opts.capturedAt })
				},
				{ at: now, actorId: actor.id, action: e.action, from: e.from, to: e.to, note: e.note, payload: e.payload }
			);
			await recordPhotos(trx, beforeStored, { caseId, eventId, kind: 'before', userId: actor.id, now });
			await recordPhotos(trx, afterStored, { caseId, eventId, kind: 'after', userId: actor.id, now });
			await within?.(w, caseId, eventId);
			return { ok: true as const, caseId, code };
		});
	} catch (e) {
		await discardPhotos([...beforeStored, ...afterStored]);
		throw e;
	}
}
