import { can } from '$lib/domain/access';
import type { FieldKind } from '$lib/domain/field-submission';
import type { Db } from '../db/create-database';
import type { PhotoInput } from '../photos';
import { getCaseRow } from '../repositories/cases';
import { caseStanding, findSubmission, insertSubmission } from '../repositories/field-submissions';
import { applyCaseAction } from './case-actions';
import { reportCase, type ReportInput } from './report-case';
import { fieldPoint } from './report-case-checks';
import type { Actor } from '$lib/domain/access';

/** One piece of field work, as the phone kept it: its key, and when and where it was recorded. */
export interface FieldEnvelope {
	key: string;
	capturedAt: number;
	/** The GPS point the phone gave, as sent (a 核查 keeps it only inside the subdistrict). */
	point?: { lng: number; lat: number } | null;
}
export type FieldWork =
	| { kind: 'report' | 'self_handle'; report: ReportInput }
	| { kind: 'check_pass' | 'check_fail'; caseId: number; version: number; note: string; photos: PhotoInput[] };

export type FieldResult =
	| { ok: true; duplicate: boolean; caseId: number; code: string }
	| { ok: false; status: 400 | 403 | 404; code: string; errors?: Record<string, string> }
	/** The key was already used for something else (another person, another kind of work). */
	| { ok: false; status: 409; code: 'key_taken' }
	/** The case moved on while the phone was offline: where it stands now, for the worker to decide. */
	| { ok: false; status: 409; code: 'stale'; current: { code: string; status: string; version: number } };

async function known(db: Db, actor: Actor, key: string, kind: FieldKind): Promise<FieldResult | null> {
	const seen = await findSubmission(db, key);
	if (!seen) return null;
	if (seen.user_id !== actor.id || seen.kind !== kind) return { ok: false, status: 409, code: 'key_taken' };
	return { ok: true, duplicate: true, caseId: seen.case_id, code: seen.code };
}

/**
 * Applies field work once per key. A key seen before answers with what it created, whether the
 * first send's answer was lost or two sends of the same item raced: the key is written in the same
 * transaction as the case, so the second of two racing sends fails there, writes nothing, and finds
 * the first one's key.
 */
export async function submitFieldWork(
	db: Db,
	actor: Actor,
	envelope: FieldEnvelope,
	work: FieldWork,
	now: number
): Promise<FieldResult> {
	const before = await known(db, actor, envelope.key, work.kind);
	if (before) return before;
	const record: Recorder = (trx, caseId, eventId) =>
		insertSubmission(trx, {
			key: envelope.key,
			user_id: actor.id,
			kind: work.kind,
			case_id: caseId,
			event_id: eventId,
			captured_at: envelope.capturedAt,
			received_at: now
		});
	try {
		const result = isReport(work)
			? await submitReport(db, actor, work, envelope, record, now)
			: await submitCheck(db, actor, work, envelope, record, now);
		if (result.ok) return result;
		// Two sends of one 核查 racing: the second finds the case a version on, with this key on it.
		return (await known(db, actor, envelope.key, work.kind)) ?? result;
	} catch (e) {
		// A racing send of the same key committed first: this one wrote nothing.
		const raced = await known(db, actor, envelope.key, work.kind);
		if (raced) return raced;
		throw e;
	}
}

type ReportWork = Extract<FieldWork, { kind: 'report' | 'self_handle' }>;
const isReport = (w: FieldWork): w is ReportWork => w.kind === 'report' || w.kind === 'self_handle';

type Recorder = (trx: Db, caseId: number, eventId: number) => Promise<void>;

async function submitReport(
	db: Db,
	actor: Actor,
	work: ReportWork,
	envelope: FieldEnvelope,
	record: Recorder,
	now: number
): Promise<FieldResult> {
	// The case keeps the moment the phone recorded it.
	const r = await reportCase(
		db,
		actor,
		{ ...work.report, mode: work.kind },
		now,
		(w, caseId, eventId) => record(w.trx, caseId, eventId),
		{ capturedAt: envelope.capturedAt }
	);
	if (!r.ok)
		return {
			ok: false,
			status: r.status,
			code: r.errors.form ?? Object.values(r.errors)[0] ?? 'invalid',
			errors: r.errors
		};
	return { ok: true, duplicate: false, caseId: r.caseId, code: r.code };
}

/**
 * A refused 核查 by someone whose role does check, on a case they did not handle: the case is no
 * longer in their 居民区 (their area changed while the phone was offline).
 */
async function outOfArea(db: Db, actor: Actor, kind: 'check_pass' | 'check_fail', caseId: number) {
	const row = await getCaseRow(db, caseId);
	return !!row && can(actor, `case.${kind}`) && row.handler_id !== actor.id;
}

async function submitCheck(
	db: Db,
	actor: Actor,
	work: Exclude<FieldWork, ReportWork>,
	envelope: FieldEnvelope,
	record: Recorder,
	now: number
): Promise<FieldResult> {
	// The 核查 keeps when and where the phone recorded it: on its event and on its photos.
	const point = await fieldPoint(db, envelope.point ?? null, now);
	const recorded = { at: envelope.capturedAt, lng: point?.lng ?? null, lat: point?.lat ?? null };
	const photos = work.photos.map((p) => ({ ...p, recorded }));
	const command = { action: work.kind, note: work.note, photoCount: photos.length };
	const r = await applyCaseAction(
		db,
		actor,
		work.caseId,
		work.version,
		command,
		photos,
		now,
		(w, eventId) => record(w.trx, work.caseId, eventId),
		{ capturedAt: envelope.capturedAt, point }
	);
	if (r.ok)
		return { ok: true, duplicate: false, caseId: work.caseId, code: (await caseStanding(db, work.caseId))?.code ?? '' };
	if (r.status === 403 && (await outOfArea(db, actor, work.kind, work.caseId)))
		return { ok: false, status: 403, code: 'out_of_area' };
	if (r.status !== 409) {
		const errors = r.status === 400 && r.field ? { [r.field]: r.photoCode ?? r.code } : undefined;
		return { ok: false, status: r.status, code: r.status === 400 ? (r.photoCode ?? r.code) : r.code, errors };
	}
	const current = await caseStanding(db, work.caseId);
	return current ? { ok: false, status: 409, code: 'stale', current } : { ok: false, status: 404, code: 'not_found' };
}
