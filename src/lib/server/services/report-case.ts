// 上报 / 自行处置: a checked report opens a grid case, with its photos, in one unit of work.
import { can, type Actor } from '$lib/domain/access';
import { openCase } from '$lib/domain/case-opening';
import { URGENCIES } from '$lib/domain/case-status';
import type { CaseState } from '$lib/domain/case-workflow';
import { isOneOf } from '$lib/domain/one-of';
import { shanghaiDate } from '$lib/domain/working-days';
import type { Db } from '../db/create-database';
import type { NewCase } from '../db/schema';
import { loadCalendar } from '../repositories/calendar';
import { countCasesOn } from '../repositories/cases';
import { nextInSeries } from '../repositories/number-series';
import { limitsInForce } from '../repositories/category-limits';
import { limitColumns } from './case-mapping';
import { discardPhotos, recordPhotos, storePhotos } from './photo-intake';
import { checkReport, type CheckedReport, type FieldErrors, type ReportInput } from './report-case-checks';
import { unitOfWork, type RecordWriter } from './unit-of-work';

export type { FieldErrors, ReportInput } from './report-case-checks';

export type ReportResult =
	{ ok: true; caseId: number; code: string } | { ok: false; status: 400 | 403; errors: FieldErrors };

/** The case's code: W, the Shanghai day, and its number among the day's cases (W202609280001). */
async function nextCaseCode(trx: RecordWriter['trx'], now: number) {
	const day = shanghaiDate(now);
	const dayStart = Date.parse(`${day}T00:00:00+08:00`);
	const seq = await nextInSeries(trx, `case:${day}`, () => countCasesOn(trx, dayStart, dayStart + 86_400_000));
	return `W${day.replaceAll('-', '')}${String(seq).padStart(4, '0')}`;
}

/** The new case's row from the checked report and its opening state. */
function newCaseRow(
	actor: Actor,
	input: ReportInput,
	report: CheckedReport,
	s: CaseState,
	code: string,
	now: number,
	capturedAt: number | undefined
): NewCase {
	return {
		code,
		track: 'grid',
		source: report.source,
		status: s.status,
		category_code: report.category.code,
		urgency: s.urgency,
		description: report.description,
		address: input.address.trim(),
		lng: input.lng,
		lat: input.lat,
		area_id: report.areaId,
		community_id: report.communityId,
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
		...(capturedAt === undefined ? {} : { captured_at: capturedAt })
	};
}

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
	if (!can(actor, `case.${input.mode}`)) return { ok: false, status: 403, errors: { form: 'forbidden' } };
	const checked = await checkReport(db, actor, input, now, opts.fromOrder === true);
	if (!checked.ok) return { ok: false, status: 400, errors: checked.errors };
	const { report } = checked;

	const [calendar, limits] = await Promise.all([loadCalendar(db), limitsInForce(db, report.category.code, now)]);
	const opened = openCase(
		{
			mode: input.mode,
			source: report.source,
			urgency: isOneOf(URGENCIES, report.category.urgency) ? report.category.urgency : '一般',
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
			const code = await nextCaseCode(w.trx, now);
			const e = opened.event;
			const { id: caseId, eventId } = await w.createCase(
				newCaseRow(actor, input, report, opened.state, code, now, opts.capturedAt),
				{ at: now, actorId: actor.id, action: e.action, from: e.from, to: e.to, note: e.note, payload: e.payload }
			);
			await recordPhotos(w.trx, beforeStored, { caseId, eventId, kind: 'before', userId: actor.id, now });
			await recordPhotos(w.trx, afterStored, { caseId, eventId, kind: 'after', userId: actor.id, now });
			await within?.(w, caseId, eventId);
			return { ok: true as const, caseId, code };
		});
	} catch (e) {
		await discardPhotos([...beforeStored, ...afterStored]);
		throw e;
	}
}
