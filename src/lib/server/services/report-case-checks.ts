// The checks of a report (上报 / 自行处置) before anything is stored: the text fields, the source, the
// point and its 居民区, the photos. All errors are gathered at once, so the form shows all that is wrong.
import { CASE_SOURCES, type CaseSource } from '$lib/domain/case-status';
import { can, type Actor } from '$lib/domain/access';
import { distanceMeters, locatePoint, isValidLngLat, type LngLat } from '$lib/domain/geo';
import { isOneOf } from '$lib/domain/one-of';
import { HOTLINE_CASE_SOURCE } from '$lib/domain/order-case-link';
import { shanghaiDate } from '$lib/domain/working-days';
import type { Db } from '../db/create-database';
import type { PhotoInput } from '../photos';
import { getCategory, loadGeography, type Category } from '../repositories/reference';
import { checkPhotos } from './photo-intake';

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
/** What the checks let through: the parts of a report the case is written from. */
export interface CheckedReport {
	category: Category;
	description: string;
	source: CaseSource;
	areaId: number;
	communityId: number;
}

/** The text fields and the source; errors are added to `errors`. */
async function checkFields(db: Db, actor: Actor, input: ReportInput, fromOrder: boolean, errors: FieldErrors) {
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
	if (!isOneOf(CASE_SOURCES, source) || (source === HOTLINE_CASE_SOURCE) !== fromOrder) errors.source = 'invalid';
	return { category, description, source: source as CaseSource };
}

/** The 片区 and 居民区 of the point, or the reporter's nearby choice of 居民区 (0 when the point is refused). */
async function locateReport(db: Db, input: ReportInput, now: number, errors: FieldErrors) {
	const geo = await loadGeography(db, shanghaiDate(now));
	if (!isValidLngLat(input.lng, input.lat)) {
		errors.point = 'required';
		return { areaId: 0, communityId: 0 };
	}
	const found = locatePoint([input.lng, input.lat] as LngLat, geo.boundary, geo.areas, geo.communities);
	if (!found.ok) {
		errors.point = 'outside_subdistrict';
		return { areaId: 0, communityId: 0 };
	}
	const chosen = input.communityId ? geo.communities.find((c) => c.id === input.communityId) : undefined;
	const tooFar = chosen && distanceMeters([chosen.lng, chosen.lat], [input.lng, input.lat]) > OVERRIDE_RADIUS_M;
	if ((input.communityId && !chosen) || tooFar) errors.communityId = 'invalid';
	return { areaId: chosen?.areaId ?? found.areaId, communityId: chosen?.id ?? found.communityId };
}

/**
 * A point a phone recorded beside other field work (a 核查), under the report's rule: a valid WGS-84
 * point inside the subdistrict. Anything else is dropped (null), not refused: the point is a record
 * kept for display, and a GPS fix drifting past the boundary must not cost the worker the 核查.
 */
export async function fieldPoint(
	db: Db,
	p: { lng: number; lat: number } | null,
	now: number
): Promise<{ lng: number; lat: number } | null> {
	if (!p || !isValidLngLat(p.lng, p.lat)) return null;
	const geo = await loadGeography(db, shanghaiDate(now));
	return locatePoint([p.lng, p.lat], geo.boundary, geo.areas, geo.communities).ok ? p : null;
}

/** Every check at once, so that the form shows all that is wrong; nothing is written yet. */
export async function checkReport(
	db: Db,
	actor: Actor,
	input: ReportInput,
	now: number,
	fromOrder: boolean
): Promise<{ ok: true; report: CheckedReport } | { ok: false; errors: FieldErrors }> {
	const errors: FieldErrors = {};
	const { category, description, source } = await checkFields(db, actor, input, fromOrder, errors);
	const place = await locateReport(db, input, now, errors);
	const before = await checkPhotos('beforePhotos', input.beforePhotos, !fromOrder);
	if (before) errors.beforePhotos = before.code;
	const after = await checkPhotos('afterPhotos', input.afterPhotos, input.mode === 'self_handle');
	if (after) errors.afterPhotos = after.code;
	if (Object.keys(errors).length || !category) return { ok: false, errors };
	return { ok: true, report: { category, description, source, ...place } };
}
