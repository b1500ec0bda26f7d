import type { Insertable } from 'kysely';
import { boundingBox, DEFAULT_DEDUP_METERS, DEFAULT_DEDUP_MINUTES, type DedupCandidate } from '$lib/domain/alert-dedup';
import { OPEN_STATUSES } from '$lib/domain/case-status';
import { OPEN_ENFORCEMENT_STATUSES } from '$lib/domain/enforcement-status';
import type { Db } from '../db/create-database';
import { inTransaction, sealRows, type Unsealed } from './sealed';
import type { AlertTable } from '../db/schema-enforcement';

export type NewAlert = Insertable<AlertTable>;
export type NewEvidenceFile = Unsealed<'evidence_files'>;

/** The replay guard: one alert per camera, capture instant and category (UNIQUE alerts_replay). */
export async function findReplayedAlert(db: Db, cameraId: string, capturedAt: number, categoryCode: string): Promise<{ id: number } | undefined> {
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

export async function insertEvidenceFiles(db: Db, rows: NewEvidenceFile[]): Promise<void> {
	if (rows.length) await inTransaction(db, async (trx) => void (await trx.insertInto('evidence_files').values(await sealRows(trx, 'evidence_files', rows)).execute()));
}

/** One alert with the name of its camera, as 人工复核 decides on it. */
export async function getAlertWithCamera(db: Db, id: number) {
	return db.selectFrom('alerts').innerJoin('cameras', 'cameras.id', 'alerts.camera_id').selectAll('alerts').select('cameras.name as camera_name').where('alerts.id', '=', id).executeTakeFirst();
}

/** The stored frames of an alert, in order. */
export async function listAlertFrameFiles(db: Db, alertId: number, limit: number) {
	return db.selectFrom('evidence_files').select(['path', 'id', 'mime']).where('alert_id', '=', alertId).orderBy('seq').limit(limit).execute();
}

export interface AlertReview {
	status: string;
	false_reason?: string | null;
	review_note?: string | null;
	case_id?: number;
	enforcement_id?: number;
}

/** Records the review of a pending alert read at `version`; false when it was reviewed or changed meanwhile. */
export async function markAlertReviewed(trx: Db, alertId: number, version: number, set: AlertReview, actorId: number, now: number): Promise<boolean> {
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
export async function linkDuplicateAlerts(trx: Db, alertId: number, to: { case_id: number } | { enforcement_id: number }): Promise<void> {
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
	const [gridCases, enforcement, pending] = await Promise.all([
		db
			.selectFrom('cases')
			.select(['id', 'code', 'category_code', 'lng', 'lat', 'reported_at as at'])
			.where('category_code', '=', s.categoryCode)
			.where('status', 'in', [...OPEN_STATUSES])
			.where('reported_at', '>=', from)
			.where('reported_at', '<=', to)
			.where('lng', '>=', box.minLng)
			.where('lng', '<=', box.maxLng)
			.where('lat', '>=', box.minLat)
			.where('lat', '<=', box.maxLat)
			.execute(),
		db
			.selectFrom('enforcement_cases')
			.select(['id', 'code', 'category_code', 'lng', 'lat', 'created_at as at'])
			.where('category_code', '=', s.categoryCode)
			.where('status', 'in', [...OPEN_ENFORCEMENT_STATUSES])
			.where('created_at', '>=', from)
			.where('created_at', '<=', to)
			.where('lng', '>=', box.minLng)
			.where('lng', '<=', box.maxLng)
			.where('lat', '>=', box.minLat)
			.where('lat', '<=', box.maxLat)
			.execute(),
		db
			.selectFrom('alerts')
			.select(['id', 'category_code', 'lng', 'lat', 'captured_at as at'])
			.where('category_code', '=', s.categoryCode)
			.where('status', '=', 'pending')
			.where('captured_at', '>=', from)
			.where('captured_at', '<=', to)
			.where('lng', '>=', box.minLng)
			.where('lng', '<=', box.maxLng)
			.where('lat', '>=', box.minLat)
			.where('lat', '<=', box.maxLat)
			.execute()
	]);
	const common = (r: { id: number; category_code: string; lng: number; lat: number; at: number }) => ({ id: r.id, categoryCode: r.category_code, lng: r.lng, lat: r.lat, at: r.at });
	return [
		...gridCases.map((r) => ({ kind: 'case' as const, code: r.code, ...common(r) })),
		...enforcement.map((r) => ({ kind: 'enforcement' as const, code: r.code, ...common(r) })),
		...pending.map((r) => ({ kind: 'alert' as const, ...common(r) }))
	];
}

// Settings (settings table): numbers as JSON numbers, the host list as plain comma-separated text.
export const ALERT_SETTING_KEYS = { dedupMeters: 'alerts.dedup_meters', dedupMinutes: 'alerts.dedup_minutes', frameHosts: 'alerts.frame_hosts' } as const;
export const DEDUP_METERS_RANGE = [1, 1000] as const;
export const DEDUP_MINUTES_RANGE = [1, 10080] as const;

export interface AlertSettings {
	dedupMeters: number;
	dedupMinutes: number;
	/** Hosts frames may be fetched from, `host` or `host:port`, lower case. Empty: no URL frames. */
	frameHosts: string[];
}

/** `a.example.com, b.example.com:8080` → entries; null if one is not a plain host[:port]. */
export function parseFrameHosts(text: string): string[] | null {
	const entries = text.split(/[,\s]+/).map((s) => s.trim().toLowerCase()).filter(Boolean);
	const valid = /^(\[[0-9a-f:.]+\]|[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*)(:\d{1,5})?$/;
	for (const e of entries) {
		const port = e.match(/:(\d{1,5})$/)?.[1];
		if (!valid.test(e) || (port !== undefined && (Number(port) < 1 || Number(port) > 65535))) return null;
	}
	return [...new Set(entries)];
}

const readJson = (value: string | undefined): unknown => {
	if (value === undefined) return undefined;
	try {
		return JSON.parse(value);
	} catch {
		return value; // a hand-set plain string
	}
};
const inRange = (v: unknown, [min, max]: readonly [number, number], fallback: number) =>
	typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max ? v : typeof v === 'string' && /^\d+$/.test(v) && Number(v) >= min && Number(v) <= max ? Number(v) : fallback;

export async function loadAlertSettings(db: Db): Promise<AlertSettings> {
	const rows = await db.selectFrom('settings').select(['key', 'value']).where('key', 'in', Object.values(ALERT_SETTING_KEYS)).execute();
	const get = (k: string) => readJson(rows.find((r) => r.key === k)?.value);
	const hosts = get(ALERT_SETTING_KEYS.frameHosts);
	return {
		dedupMeters: inRange(get(ALERT_SETTING_KEYS.dedupMeters), DEDUP_METERS_RANGE, DEFAULT_DEDUP_METERS),
		dedupMinutes: inRange(get(ALERT_SETTING_KEYS.dedupMinutes), DEDUP_MINUTES_RANGE, DEFAULT_DEDUP_MINUTES),
		frameHosts: (typeof hosts === 'string' ? parseFrameHosts(hosts) : Array.isArray(hosts) ? parseFrameHosts(hosts.join(',')) : null) ?? []
	};
}

export async function saveAlertSettings(db: Db, s: AlertSettings): Promise<void> {
	const values = [
		{ key: ALERT_SETTING_KEYS.dedupMeters, value: JSON.stringify(s.dedupMeters) },
		{ key: ALERT_SETTING_KEYS.dedupMinutes, value: JSON.stringify(s.dedupMinutes) },
		{ key: ALERT_SETTING_KEYS.frameHosts, value: s.frameHosts.join(',') } // plain text, as settings.ts reads it
	];
	// The caller runs this inside its transaction when it saves other settings with it.
	for (const v of values) await db.insertInto('settings').values(v).onConflict((oc) => oc.column('key').doUpdateSet({ value: v.value })).execute();
}
