import type { CaseAction } from '$lib/domain/case-status';
import { applyCaseCommand, type CaseCommand, type Rejection } from '$lib/domain/case-workflow';
import type { Db } from '../db/create-database';
import type { PhotoInput } from '../photos';
import { loadCalendar } from '../repositories/calendar';
import { getCaseRow } from '../repositories/cases';
import { getCaseCategory, getCategory, listDepartments } from '../repositories/reference';
import { limitsInForce } from '../repositories/category-limits';
import { toCaseScope, toCaseState, toCaseUpdate } from './case-mapping';
import { checkPhotos, discardPhotos, recordPhotos, storePhotos } from './photo-intake';
import { can, type Actor } from '$lib/domain/access';
import { StaleRecord, unitOfWork, type RecordWriter } from './unit-of-work';
import { NOT_FOUND, FORBIDDEN, STALE, type RecordRefusal } from './record-refusals';
import { recordEvent } from './record-events';

export type ActionFailure =
	| RecordRefusal
	| {
			ok: false;
			status: 400;
			code: Rejection | 'unknown_category' | 'unknown_department' | 'photo_invalid';
			field?: string;
			photoCode?: string;
	  };
export type ActionResult = { ok: true; status: string } | ActionFailure;

/** 核查 photos are the "after" photos taken from the same spot; 处置反馈 has the handler's after photos. */
const PHOTO_KIND: Partial<Record<CaseAction, 'after' | 'check'>> = {
	feedback: 'after',
	check_pass: 'check',
	check_fail: 'check'
};

/** Field work from a phone: when (and, when it gave one inside the subdistrict, where) it was recorded there. */
export interface PhoneRecord {
	capturedAt: number;
	point: { lng: number; lat: number } | null;
}

/** The event's payload, with what the phone recorded beside it (for display and the record only). */
const withPhoneRecord = (payload: Record<string, unknown>, phone: PhoneRecord | undefined) =>
	phone ? { ...payload, capturedAt: phone.capturedAt, ...(phone.point ?? {}) } : payload;

/**
 * Applies one action to a case: permission, state and version are checked, then the case row,
 * the event and its photos are written in one transaction. A failure writes nothing.
 */
export async function applyCaseAction(
	db: Db,
	actor: Actor,
	caseId: number,
	expectedVersion: number,
	command: CaseCommand,
	photos: PhotoInput[],
	now: number,
	/** Runs inside the same transaction after the event is written (a 转执法 opens its case there). */
	within?: (w: RecordWriter, eventId: number) => Promise<void>,
	/** A 核查 sent from the phone's outbox: kept in the event's payload; the event's `at` stays the server's now. */
	phone?: PhoneRecord
): Promise<ActionResult> {
	const row = await getCaseRow(db, caseId);
	if (!row) return NOT_FOUND;
	const category = await getCaseCategory(db, row.category_code);
	const scope = toCaseScope(row, category?.track ?? 'grid');
	if (!can(actor, `case.${command.action}`, scope)) return FORBIDDEN;
	if (row.version !== expectedVersion) return STALE;

	if (command.action === 'register') {
		const chosen = await getCategory(db, command.categoryCode);
		if (!chosen) return { ok: false, status: 400, code: 'unknown_category', field: 'categoryCode' };
		// The case takes the new category's limits in force now; it keeps them from here on.
		command = { ...command, ...(await limitsInForce(db, chosen.code, now)) };
	}
	if (command.action === 'dispatch') {
		const departmentId = command.departmentId;
		if (!(await listDepartments(db)).some((d) => d.id === departmentId)) {
			return { ok: false, status: 400, code: 'unknown_department', field: 'departmentId' };
		}
	}
	const photoKind = PHOTO_KIND[command.action];
	if (photoKind) {
		const problem = await checkPhotos('photos', photos, false);
		if (problem) return { ok: false, status: 400, code: 'photo_invalid', field: 'photos', photoCode: problem.code };
	}
	// The workflow's photo rule counts the photos actually received, not what the request claims.
	if (command.action === 'feedback' || command.action === 'check_pass' || command.action === 'check_fail') {
		command = { ...command, photoCount: photos.length };
	}

	const calendar = await loadCalendar(db);
	const state = toCaseState(row);
	const result = applyCaseCommand(state, command, { now, calendar });
	if (!result.ok) return { ok: false, status: 400, code: result.reason };

	const stored = photoKind ? await storePhotos(photos, now) : [];
	try {
		await unitOfWork(db, async (w) => {
			const update = { ...toCaseUpdate(result.changes), updated_at: now };
			if (command.action === 'feedback') update.handler_id = actor.id;
			const e = { ...result.event, payload: withPhoneRecord(result.event.payload, phone) };
			const [eventId] = await w.updateCase(caseId, expectedVersion, update, [recordEvent(e, actor.id, now)]);
			if (photoKind) await recordPhotos(w.trx, stored, { caseId, eventId, kind: photoKind, userId: actor.id, now });
			await within?.(w, eventId);
		});
	} catch (e) {
		await discardPhotos(stored);
		if (e instanceof StaleRecord) return STALE;
		throw e;
	}
	return { ok: true, status: result.next };
}
