import { applyHotlineCommand, type HotlineCommand, type HotlineRejection } from '$lib/domain/hotline-workflow';
import type { Db } from '../../db/create-database';
import type { PhotoInput } from '../../photos';
import { loadCalendar } from '../../repositories/calendar';
import { listDepartments } from '../../repositories/reference';
import { checkPhotos, discardPhotos, storePhotos } from '../photo-intake';
import { toHotlineState, toHotlineUpdate } from '../hotline-mapping';
import { commitStats, statSnapshot } from '../stats/counting';
import { sealRows } from '../../repositories/sealed';
import { queueCityUpdate } from './city-sender';
import { type Actor, can } from '$lib/domain/access';

export type HotlineActionResult =
	| { ok: true; status: string }
	| { ok: false; status: 404; code: 'not_found' }
	| { ok: false; status: 403; code: 'forbidden' }
	| { ok: false; status: 409; code: 'stale' }
	| { ok: false; status: 400; code: HotlineRejection | 'unknown_department' | string; field?: string };

class StaleOrder extends Error {}

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
	const row = await db.selectFrom('hotline_orders').selectAll().where('id', '=', orderId).executeTakeFirst();
	if (!row) return { ok: false, status: 404, code: 'not_found' };
	if (!can(actor, `hotline.${command.action}`, { departmentId: row.department_id })) return { ok: false, status: 403, code: 'forbidden' };
	if (row.version !== expectedVersion) return { ok: false, status: 409, code: 'stale' };
	if (command.action === 'assign') {
		const departmentId = command.departmentId;
		if (!(await listDepartments(db)).some((d) => d.id === departmentId)) return { ok: false, status: 400, code: 'unknown_department', field: 'departmentId' };
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
		await db.transaction().execute(async (trx) => {
			const stats = await statSnapshot(trx, 'order', [orderId]);
			const update = { ...toHotlineUpdate(state, result.changes), updated_at: now, version: expectedVersion + 1 };
			const written = await trx.updateTable('hotline_orders').set(update).where('id', '=', orderId).where('version', '=', expectedVersion).executeTakeFirst();
			if (Number(written.numUpdatedRows) !== 1) throw new StaleOrder();
			const e = result.event;
			const [sealedEvent] = await sealRows(trx, 'hotline_events', [{ order_id: orderId, at: now, actor_id: actor.id, api_key_id: null, action: e.action, from_status: e.from, to_status: e.to, note: e.note, payload: JSON.stringify(e.payload) }]);
			const event = await trx.insertInto('hotline_events').values(sealedEvent).returning('id').executeTakeFirstOrThrow();
			// 签收, 先行联系, 答复, 退单 and 延期 requests go back to the city: queued with the event, sent after the commit.
			await queueCityUpdate(trx, row, event.id, e, now);
			if (stored.length) {
				const files = stored.map((p) => ({ id: p.id, order_id: orderId, event_id: event.id, path: p.path, thumb_path: p.thumbPath, sha256: p.sha256, original_name: p.originalName.slice(0, 200), uploaded_by: actor.id, created_at: now }));
				await trx.insertInto('hotline_attachments').values(await sealRows(trx, 'hotline_attachments', files)).execute();
			}
			await commitStats(trx, stats);
		});
	} catch (e) {
		await discardPhotos(stored);
		if (e instanceof StaleOrder) return { ok: false, status: 409, code: 'stale' };
		throw e;
	}
	return { ok: true, status: result.next };
}
