import { enforcementCode } from '$lib/domain/enforcement-documents';
import { openEnforcement } from '$lib/domain/enforcement-workflow';
import { shanghaiDate, shanghaiMidnight, type WorkCalendar } from '$lib/domain/working-days';
import { countEnforcementSince } from '../../repositories/enforcement';
import { nextInSeries } from '../../repositories/number-series';
import type { RecordWriter } from '../unit-of-work';

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

/** Inserts a case waiting for its 先行告知, with its first event, in the caller's unit of work. */
export async function createEnforcementCase(
	w: RecordWriter,
	actorId: number,
	c: NewEnforcement,
	now: number,
	calendar: WorkCalendar
): Promise<{ id: number; code: string }> {
	const trx = w.trx;
	const day = shanghaiDate(now);
	const from = shanghaiMidnight(day);
	const seq = await nextInSeries(trx, `enforcement:${day}`, () =>
		countEnforcementSince(trx, 'created_at', from, from + 86_400_000)
	);
	const code = enforcementCode(day, seq);
	const opened = openEnforcement(now, calendar, c.shopId);
	const s = opened.state;
	const event = {
		at: now,
		actorId,
		action: 'open',
		from: null,
		to: s.status,
		note: c.description,
		payload: { alertId: c.alertId, shopId: c.shopId, caseId: c.caseId ?? null }
	};
	const { id } = await w.createEnforcement(
		{
			code,
			status: s.status,
			outcome: null,
			category_code: c.categoryCode,
			description: c.description,
			address: c.address,
			lng: c.lng,
			lat: c.lat,
			area_id: c.areaId,
			community_id: c.communityId,
			camera_id: c.cameraId,
			shop_id: c.shopId,
			created_by: actorId,
			created_at: now,
			stage_started_at: s.stageStartedAt,
			stage_deadline_at: s.stageDeadlineAt,
			stage_warn_at: s.stageWarnAt,
			updated_at: now
		},
		event
	);
	return { id, code };
}
