import { applyFastTrack, FAST_TRACK_STEPS, type FastTrackStep } from '$lib/domain/case-fast-track';
import type { Rejection } from '$lib/domain/case-workflow';
import type { Urgency } from '$lib/domain/case-status';
import type { Db } from '../db/create-database';
import { loadCalendar } from '../repositories/calendar';
import { getCaseRow } from '../repositories/cases';
import { limitsInForce } from '../repositories/category-limits';
import { getCaseCategory, getCategory, listDepartments } from '../repositories/reference';
import { toCaseScope, toCaseState, toCaseUpdate } from './case-mapping';
import { type Actor, can } from '$lib/domain/access';
import { StaleRecord, unitOfWork } from './unit-of-work';
import { NOT_FOUND, FORBIDDEN, STALE, type RecordRefusal } from './record-refusals';
import { recordEvent } from './record-events';

export type FastTrackFailure =
	| RecordRefusal
	| {
			ok: false;
			status: 400;
			code: Rejection | 'unknown_category' | 'unknown_department';
			field?: string;
			step?: FastTrackStep;
	  };
export type FastTrackOutcome = { ok: true; status: string; eventIds: number[] } | FastTrackFailure;

export interface FastTrackRequest {
	categoryCode: string;
	urgency: Urgency;
	departmentId: number;
	note: string;
}

/**
 * 受理 + 立案 + 派遣 in one go: each step's permission is checked, the workflow takes the three steps
 * in order, and the case row (one version check) and the three events are written in one
 * transaction. Any refusal writes nothing.
 */
export async function fastTrackCase(
	db: Db,
	actor: Actor,
	caseId: number,
	expectedVersion: number,
	req: FastTrackRequest,
	now: number
): Promise<FastTrackOutcome> {
	const row = await getCaseRow(db, caseId);
	if (!row) return NOT_FOUND;
	const scope = toCaseScope(row, (await getCaseCategory(db, row.category_code))?.track ?? 'grid');
	if (!FAST_TRACK_STEPS.every((step) => can(actor, `case.${step}`, scope))) return FORBIDDEN;
	if (row.version !== expectedVersion) return STALE;
	const chosen = await getCategory(db, req.categoryCode);
	if (!chosen) return { ok: false, status: 400, code: 'unknown_category', field: 'categoryCode' };
	if (!(await listDepartments(db)).some((d) => d.id === req.departmentId))
		return { ok: false, status: 400, code: 'unknown_department', field: 'departmentId' };

	const [calendar, limits] = await Promise.all([loadCalendar(db), limitsInForce(db, chosen.code, now)]);
	const result = applyFastTrack(
		toCaseState(row),
		{ categoryCode: chosen.code, urgency: req.urgency, ...limits, departmentId: req.departmentId, note: req.note },
		{ now, calendar }
	);
	if (!result.ok) return { ok: false, status: 400, code: result.reason, step: result.step };

	try {
		const events = result.events.map((e) => recordEvent(e, actor.id, now));
		const eventIds = await unitOfWork(db, (w) =>
			w.updateCase(caseId, expectedVersion, { ...toCaseUpdate(result.changes), updated_at: now }, events)
		);
		return { ok: true, status: result.next, eventIds };
	} catch (e) {
		if (e instanceof StaleRecord) return STALE;
		throw e;
	}
}
