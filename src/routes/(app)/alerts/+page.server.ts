import { getDb } from '$lib/server/db';
import { listAlerts } from '$lib/server/repositories/alert-queue';
import type { PageServerLoad } from './$types';
import { alertTrackFilter } from '$lib/domain/access';
import { requireCan } from '$lib/server/auth/gate';

const STATUSES = ['pending', 'false_alarm', 'case', 'enforcement', 'attached'];

/** 视频告警 复核队列. An officer sees the enforcement-eligible alerts only. */
export const load: PageServerLoad = async (event) => {
	const actor = requireCan(event, 'alerts.review');
	const p = event.url.searchParams;
	const status = STATUSES.includes(p.get('status') ?? '') ? p.get('status')! : 'pending';
	const page = Math.max(1, Math.min(10_000, Number(p.get('page')) || 1));
	const list = await listAlerts(getDb(), { status, page, track: alertTrackFilter(actor) });
	return { ...list, status, statuses: STATUSES };
};
