import { applyHotlineCommand, type HotlineCommand, type HotlineRejection } from '$lib/domain/hotline-workflow';
import type { Db } from '../../db/create-database';
import type { PhotoInput } from '../../photos';
import { loadCalendar } from '../../repositories/calendar';
import { listDepartments } from '../../repositories/reference';
import { checkPhotos, discardPhotos, storePhotos } from '../photo-intake';
import { toHotlineState, toHotlineUpdate } from '../hotline-mapping';
import { getOrderRow, insertOrderAttachments } from '../../repositories/hotline-orders';
import { StaleRecord, unitOfWork } from '../unit-of-work';
import { queueCityUpdate } from './city-sender';
import { type Actor, can } from '$lib/domain/access';
import { NOT_FOUND, FORBIDDEN, STALE, type RecordRefusal } from '../record-refusals';
import { recordEvent } from '../record-events';

export type HotlineActionResult =
	| { ok: true; status: string }
	| RecordRefusal
	| { ok: false; status: 400; code: HotlineRejection | 'unknown_department' | string; field?: string };

/** One action on a 12345 order: permission, state and version checked; order, event and evidence written together. */
export async function applyHotlineAction(
	db: Db,
	actor: Actor,
	orderId: number,
	expectedVersion: number,
	command: HotlineCommand,
	evidence: PhotoInput[],
	now: number
): Promise<HotlineActionResult> {
	const row = await getOrderRow(db, orderId);
	if (!row) return NOT_FOUND;
	if (!can(actor, `hotline.${command.action}`, { departmentId: row.department_id })) return FORBIDDEN;
	if (row.version !== expectedVersion) return STALE;
	if (command.action === 'assign') {
		const departmentId = command.departmentId;
		if (!(await listDepartments(db)).some((d) => d.id === departmentId))
			return { ok: false, status: 400, code: 'unknown_department', field: 'departmentId' };
	}
	const needsEvidence = command.action === 'request_return';
	if (command.action === 'request_return') {
		const problem = await checkPhotos('evidence', evidence, false);
		if (problem) return { ok: false, status: 400, code: problem.code, field: 'evidence' };
		command = { ...command, evidenceCount: evidence.length };
	}
	const state = toHotlineState(row);
	const result = applyHotlineCommand(state, command, { now, calendar: await loadCalendar(db) });
	if (!result.ok) return { ok: false, status: 400, code: result.reason };

	const stored = needsEvidence ? await storePhotos(evidence, now) : [];
	try {
		await unitOfWork(db, async (w) => {
			const e = result.event;
			const update = { ...toHotlineUpdate(state, result.changes), updated_at: now };
			const [eventId] = await w.updateOrder(orderId, expectedVersion, update, [recordEvent(e, actor.id, now)]);
			// 签收, 先行联系, 答复, 退单 and 延期 requests go back to the city: queued with the event, sent after the commit.
			await queueCityUpdate(w.trx, row, eventId, e, now);
			const files = stored.map((p) => ({
				id: p.id,
				order_id: orderId,
				event_id: eventId,
				path: p.path,
				thumb_path: p.thumbPath,
				sha256: p.sha256,
				original_name: p.originalName.slice(0, 200),
				uploaded_by: actor.id,
				created_at: now
			}));
			await insertOrderAttachments(w.trx, files);
		});
	} catch (e) {
		await discardPhotos(stored);
		if (e instanceof StaleRecord) return STALE;
		throw e;
	}
	return { ok: true, status: result.next };
}
