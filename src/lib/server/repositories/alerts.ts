import type { ExpressionBuilder, Insertable } from 'kysely';
import { boundingBox, DEFAULT_DEDUP_METERS, DEFAULT_DEDUP_MINUTES, type DedupCandidate } from '$lib/domain/alert-dedup';
import { OPEN_STATUSES } from '$lib/domain/case-status';
import { OPEN_ENFORCEMENT_STATUSES } from '$lib/domain/enforcement-status';
import type { Db } from '../db/create-database';
import { inTransaction, sealRows, type Unsealed } from './sealed';
import type { AlertTable } from '../db/schema-enforcement';
import type { DB } from '../db/schema';

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
	const near = (time: 'reported_at' | 'created_at' | 'captured_at') => (e: ExpressionBuilder<DB, 'cases' | 'enforcement_cases' | 'alerts'>) =>
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
		db.selectFrom('cases').select(['id', 'code', 'category_code', 'lng', 'lat', 'reported_at as at']).where(near('reported_at')).where('status', 'in', [...OPEN_STATUSES]).execute(),
		db.selectFrom('enforcement_cases').select(['id', 'code', 'category_code', 'lng', 'lat', 'created_at as at']).where(near('created_at')).where('status', 'in', [...OPEN_ENFORCEMENT_STATUSES]).execute(),
		db.selectFrom('alerts').select(['id', 'category_code', 'lng', 'lat', 'captured_at as at']).where(near('captured_at')).where('status', '=', 'pending').execute()
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
