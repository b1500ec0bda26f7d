import type { ExpressionBuilder, Insertable } from 'kysely';
import { boundingBox, type DedupCandidate } from '$lib/domain/alert-dedup';
import { OPEN_STATUSES } from '$lib/domain/case-status';
import { OPEN_ENFORCEMENT_STATUSES } from '$lib/domain/enforcement-status';
import { SETTINGS } from '$lib/domain/settings';
import type { Db } from '../db/create-database';
import { readSetting, writeSetting } from './settings';
import type { AlertTable } from '../db/schema-enforcement';
import type { DB } from '../db/schema';

export type NewAlert = Insertable<AlertTable>;

/** The replay guard: one alert per camera, capture instant and category (UNIQUE alerts_replay). */
export async function findReplayedAlert(
	db: Db,
	cameraId: string,
	capturedAt: number,
	categoryCode: string
): Promise<{ id: number } | undefined> {
	return db
		.selectFrom('alerts')
		.select('id')
		.where('camera_id', '=', cameraId)
		.where('captured_at', '=', capturedAt)
		.where('category_code', '=', categoryCode)
		.executeTakeFirst();
}

export async function insertAlert(db: Db, alert: NewAlert): Promise<number> {
	return (await db.insertInto('alerts').values(alert).returning('id').executeTakeFirstOrThrow()).id;
}

/** One alert with the name of its camera, as 人工复核 decides on it. */
export async function getAlertWithCamera(db: Db, id: number) {
	return db
		.selectFrom('alerts')
		.innerJoin('cameras', 'cameras.id', 'alerts.camera_id')
		.selectAll('alerts')
		.select('cameras.name as camera_name')
		.where('alerts.id', '=', id)
		.executeTakeFirst();
}

/** The stored frames of an alert, in order. */
export async function listAlertFrameFiles(db: Db, alertId: number, limit: number) {
	return db
		.selectFrom('evidence_files')
		.select(['path', 'id', 'mime'])
		.where('alert_id', '=', alertId)
		.orderBy('seq')
		.limit(limit)
		.execute();
}

export interface AlertReview {
	status: string;
	false_reason?: string | null;
	review_note?: string | null;
	case_id?: number;
	enforcement_id?: number;
}

/** Records the review of a pending alert read at `version`; false when it was reviewed or changed meanwhile. */
export async function markAlertReviewed(
	trx: Db,
	alertId: number,
	version: number,
	set: AlertReview,
	actorId: number,
	now: number
): Promise<boolean> {
	const r = await trx
		.updateTable('alerts')
		.set({ ...set, reviewed_by: actorId, reviewed_at: now, version: version + 1 })
		.where('id', '=', alertId)
		.where('version', '=', version)
		.where('status', '=', 'pending')
		.executeTakeFirst();
	return Number(r.numUpdatedRows) === 1;
}

/** The duplicates of a reviewed alert follow it to the same case or enforcement case. */
export async function linkDuplicateAlerts(
	trx: Db,
	alertId: number,
	to: { case_id: number } | { enforcement_id: number }
): Promise<void> {
	await trx.updateTable('alerts').set(to).where('parent_alert_id', '=', alertId).execute();
}

/**
 * Open items near a sighting, for dedup: grid cases not closed/void, enforcement cases not
 * closed/cancelled, and alerts still pending. Prefiltered by category, time window and a box
 * around the point; the exact distance is the domain's (pickDedupTarget).
 */
export async function listDedupCandidates(
	db: Db,
	s: { categoryCode: string; lng: number; lat: number; at: number; meters: number; minutes: number }
): Promise<DedupCandidate[]> {
	const box = boundingBox(s.lng, s.lat, s.meters);
	const from = s.at - s.minutes * 60_000;
	const to = s.at + s.minutes * 60_000;
	// The same window on each table: its category, its time column within the minutes, its point in the box.
	const near =
		(time: 'reported_at' | 'created_at' | 'captured_at') =>
		(e: ExpressionBuilder<DB, 'cases' | 'enforcement_cases' | 'alerts'>) =>
			e.and([
				e('category_code', '=', s.categoryCode),
				e(time, '>=', from),
				e(time, '<=', to),
				e('lng', '>=', box.minLng),
				e('lng', '<=', box.maxLng),
				e('lat', '>=', box.minLat),
				e('lat', '<=', box.maxLat)
			]);
	const [gridCases, enforcement, pending] = await Promise.all([
		db
			.selectFrom('cases')
			.select(['id', 'code', 'category_code', 'lng', 'lat', 'reported_at as at'])
			.where(near('reported_at'))
			.where('status', 'in', [...OPEN_STATUSES])
			.execute(),
		db
			.selectFrom('enforcement_cases')
			.select(['id', 'code', 'category_code', 'lng', 'lat', 'created_at as at'])
			.where(near('created_at'))
			.where('status', 'in', [...OPEN_ENFORCEMENT_STATUSES])
			.execute(),
		db
			.selectFrom('alerts')
			.select(['id', 'category_code', 'lng', 'lat', 'captured_at as at'])
			.where(near('captured_at'))
			.where('status', '=', 'pending')
			.execute()
	]);
	const common = (r: { id: number; category_code: string; lng: number; lat: number; at: number }) => ({
		id: r.id,
		categoryCode: r.category_code,
		lng: r.lng,
		lat: r.lat,
		at: r.at
	});
	return [
		...gridCases.map((r) => ({ kind: 'case' as const, code: r.code, ...common(r) })),
		...enforcement.map((r) => ({ kind: 'enforcement' as const, code: r.code, ...common(r) })),
		...pending.map((r) => ({ kind: 'alert' as const, ...common(r) }))
	];
}

/** The camera alert settings (typed keys of domain/settings.ts). */
export interface AlertSettings {
	dedupMeters: number;
	dedupMinutes: number;
	/** Hosts frames may be fetched from, `host` or `host:port`, lower case. Empty: no URL frames. */
	frameHosts: string[];
}

export async function loadAlertSettings(db: Db): Promise<AlertSettings> {
	const [dedupMeters, dedupMinutes, frameHosts] = await Promise.all([
		readSetting(db, SETTINGS.dedupMeters),
		readSetting(db, SETTINGS.dedupMinutes),
		readSetting(db, SETTINGS.frameHosts)
	]);
	return { dedupMeters, dedupMinutes, frameHosts };
}

/** The caller runs this inside its transaction when it saves other settings with it. */
export async function saveAlertSettings(db: Db, s: AlertSettings): Promise<void> {
	await writeSetting(db, SETTINGS.dedupMeters, s.dedupMeters);
	await writeSetting(db, SETTINGS.dedupMinutes, s.dedupMinutes);
	await writeSetting(db, SETTINGS.frameHosts, s.frameHosts);
}

/** A stored evidence file with what decides who may see it: the enforcement case it belongs to (its own or its alert's) and the alert's track. */
export const findEvidenceFile = (db: Db, id: string) =>
	db
		.selectFrom('evidence_files')
		.leftJoin('alerts', 'alerts.id', 'evidence_files.alert_id')
		.leftJoin('categories', 'categories.code', 'alerts.category_code')
		.select([
			'evidence_files.path',
			'evidence_files.thumb_path',
			'evidence_files.mime',
			'evidence_files.enforcement_id',
			'alerts.enforcement_id as alert_enforcement_id',
			'categories.track'
		])
		.where('evidence_files.id', '=', id)
		.executeTakeFirst();
