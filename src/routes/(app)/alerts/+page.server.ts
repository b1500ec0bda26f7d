import { getDb } from '$lib/server/db';
import { ALERT_STATUSES, loadAlertQueue } from '$lib/server/services/alerts/queue';
import type { PageServerLoad } from './$types';
import { requireCan } from '$lib/server/auth/gate';

/** 视频告警 复核队列. An officer sees the enforcement-eligible alerts only. */
export const load: PageServerLoad = async (event) => {
	const actor = requireCan(event, 'alerts.review');
	const p = event.url.searchParams;
	const asked = p.get('status') ?? '';
	const status = (ALERT_STATUSES as readonly string[]).includes(asked) ? asked : 'pending';
	const page = Math.max(1, Math.min(10_000, Number(p.get('page')) || 1));
	return loadAlertQueue(getDb(), actor, status, page);
};
