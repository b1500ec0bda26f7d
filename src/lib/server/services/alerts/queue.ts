// 视频告警 复核: the queue, and one alert with what its review form offers. An officer sees the
// enforcement-eligible alerts only (the access table's alerts.review scope).
import { FALSE_ALARM_REASONS } from '$lib/domain/alert-review';
import { alertTrackFilter, can, type Actor } from '$lib/domain/access';
import type { Db } from '../../db/create-database';
import { getAlertForReview, listAlerts } from '../../repositories/alert-queue';
import { listCategories } from '../../repositories/reference';
import { assertCan } from '../../auth/gate';

export const ALERT_STATUSES = ['pending', 'false_alarm', 'case', 'enforcement', 'attached'] as const;

export async function loadAlertQueue(db: Db, actor: Actor, status: string, page: number) {
	const list = await listAlerts(db, { status, page, track: alertTrackFilter(actor) });
	return { ...list, status, statuses: [...ALERT_STATUSES] };
}

/** One alert for review, or null when there is none; 403 when it is not on this reviewer's track. */
export async function loadAlertReview(db: Db, actor: Actor, id: number) {
	const found = await getAlertForReview(db, id);
	if (!found) return null;
	assertCan(actor, 'alerts.review', { track: found.alert.category_track });
	const categories = (await listCategories(db)).map((c) => ({
		code: c.code,
		minor: c.minor,
		variant: c.variant,
		major: c.major,
		track: c.track
	}));
	return {
		...found,
		categories,
		reasons: FALSE_ALARM_REASONS,
		can: {
			review: found.alert.status === 'pending',
			case: can(actor, 'case.report'),
			enforcement: can(actor, 'enforcement.open')
		}
	};
}
