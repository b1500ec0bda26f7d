import type { Db } from '../db/create-database';

export const ALERT_PAGE_SIZE = 20;

export interface AlertQueueFilters {
	status: string;
	/** Only alerts of this category track (an officer's queue: the enforcement-eligible ones). */
	track?: string;
	page: number;
}

/** The review queue (人工复核): pending alerts oldest first, reviewed ones newest first. */
export async function listAlerts(db: Db, f: AlertQueueFilters) {
	let q = db
		.selectFrom('alerts')
		.innerJoin('cameras', 'cameras.id', 'alerts.camera_id')
		.innerJoin('categories', 'categories.code', 'alerts.category_code')
		.innerJoin('communities', 'communities.id', 'alerts.community_id')
		.where('alerts.status', '=', f.status);
	if (f.track) q = q.where('categories.track', '=', f.track);
	const total = Number((await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
	const rows = await q
		.select((eb) => [
			'alerts.id',
			'alerts.camera_id',
			'alerts.captured_at',
			'alerts.received_at',
			'alerts.confidence',
			'alerts.status',
			'alerts.case_id',
			'alerts.enforcement_id',
			'alerts.parent_alert_id',
			'alerts.false_reason',
			'cameras.name as camera_name',
			'categories.minor as category_name',
			'categories.track as category_track',
			'communities.name as community_name',
			eb
				.selectFrom('evidence_files')
				.select('evidence_files.id')
				.whereRef('evidence_files.alert_id', '=', 'alerts.id')
				.orderBy('evidence_files.seq')
				.limit(1)
				.as('first_frame'),
			eb
				.selectFrom('alerts as kids')
				.select((e) => e.fn.countAll<number>().as('n'))
				.whereRef('kids.parent_alert_id', '=', 'alerts.id')
				.as('duplicates')
		])
		.orderBy('alerts.captured_at', f.status === 'pending' ? 'asc' : 'desc')
		.orderBy('alerts.id')
		.limit(ALERT_PAGE_SIZE)
		.offset((Math.max(1, f.page) - 1) * ALERT_PAGE_SIZE)
		.execute();
	return { rows, total, page: f.page, pageSize: ALERT_PAGE_SIZE };
}

export async function getAlertForReview(db: Db, id: number) {
	const alert = await db
		.selectFrom('alerts')
		.innerJoin('cameras', 'cameras.id', 'alerts.camera_id')
		.innerJoin('categories', 'categories.code', 'alerts.category_code')
		.innerJoin('communities', 'communities.id', 'alerts.community_id')
		.innerJoin('areas', 'areas.id', 'alerts.area_id')
		.leftJoin('users', 'users.id', 'alerts.reviewed_by')
		.selectAll('alerts')
		.select([
			'cameras.name as camera_name',
			'categories.minor as category_name',
			'categories.track as category_track',
			'communities.name as community_name',
			'areas.name as area_name',
			'users.display_name as reviewer_name'
		])
		.where('alerts.id', '=', id)
		.executeTakeFirst();
	if (!alert) return null;
	const [frames, duplicates] = await Promise.all([
		db
			.selectFrom('evidence_files')
			.select(['id', 'alert_id', 'sha256', 'captured_at', 'source'])
			.where('alert_id', '=', id)
			.orderBy('seq')
			.execute(),
		db
			.selectFrom('alerts')
			.select(['id', 'camera_id', 'captured_at', 'confidence'])
			.where('parent_alert_id', '=', id)
			.orderBy('captured_at')
			.execute()
	]);
	return { alert, frames, duplicates };
}
