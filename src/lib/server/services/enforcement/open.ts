import { enforcementCode } from '$lib/domain/enforcement-documents';
import { openEnforcement } from '$lib/domain/enforcement-workflow';
import { shanghaiDate, shanghaiMidnight, type WorkCalendar } from '$lib/domain/working-days';
import type { Db } from '../../db/create-database';
import { appendEnforcementEvent, countEnforcementSince, insertEnforcementCase } from '../../repositories/enforcement';
import { countNew } from '../stats/counting';

export interface NewEnforcement {
	categoryCode: string;
	description: string;
	address: string;
	lng: number;
	lat: number;
	areaId: number;
	communityId: number;
	cameraId: string | null;
	shopId: number | null;
	alertId: number | null;
	/** The grid case a patrol photo came from (转非现场执法), if any. */
	caseId?: number | null;
}

/** Inserts a case waiting for its 先行告知, with its first event. Call inside the caller's transaction. */
export async function createEnforcementCase(trx: Db, actorId: number, c: NewEnforcement, now: number, calendar: WorkCalendar): Promise<{ id: number; code: string }> {
	const day = shanghaiDate(now);
	const from = shanghaiMidnight(day);
	const code = enforcementCode(day, (await countEnforcementSince(trx, 'created_at', from, from + 86_400_000)) + 1);
	const opened = openEnforcement(now, calendar, c.shopId);
	const s = opened.state;
	const id = await insertEnforcementCase(trx, {
		code, status: s.status, outcome: null, category_code: c.categoryCode, description: c.description, address: c.address,
		lng: c.lng, lat: c.lat, area_id: c.areaId, community_id: c.communityId, camera_id: c.cameraId, shop_id: c.shopId,
		created_by: actorId, created_at: now, stage_started_at: s.stageStartedAt, stage_deadline_at: s.stageDeadlineAt,
		stage_warn_at: s.stageWarnAt, updated_at: now
	});
	await countNew(trx, 'enforcement', [id]);
	await appendEnforcementEvent(trx, { enforcementId: id, at: now, actorId, action: 'open', from: null, to: s.status, note: c.description, payload: { alertId: c.alertId, shopId: c.shopId, caseId: c.caseId ?? null } });
	return { id, code };
}
