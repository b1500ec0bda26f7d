// A camera alert pushed by the video platform (一网统管 视频/AI 告警): checked against the camera
// registry, the categories and the map, de-duplicated against open work, stored with its frames
// byte for byte. Everything is checked (frames fetched and decoded) before anything is written.
import type { AlertInput } from '$lib/domain/alert-input';
import { pickDedupTarget, type DedupTargetKind } from '$lib/domain/alert-dedup';
import { locatePoint, type LngLat } from '$lib/domain/geo';
import { shanghaiDate } from '$lib/domain/working-days';
import { evidenceDir } from '../../config';
import type { Db } from '../../db/create-database';
import { transact } from '../../db/transact';
import { discardEvidence, storeEvidenceAll, validateEvidence, type StoredEvidence } from '../../evidence';
import { evidenceFileRow } from '../evidence-rows';
import { findReplayedAlert, insertAlert, listDedupCandidates, loadAlertSettings } from '../../repositories/alerts';
import { getCamera } from '../../repositories/cameras';
import { insertEvidenceFiles } from '../../repositories/enforcement';
import { getCategory, loadGeography } from '../../repositories/reference';
import { loadFrames, type FrameInput, type LoadedFrame } from './frames';

export type IngestAlertInput = Omit<AlertInput, 'frames'> & { frames: FrameInput[] };

export interface IngestAlertContext {
	apiKeyId: number | null;
	now: number;
	/** Defaults to evidenceDir(). */
	evidenceRoot?: string;
	fetchImpl?: typeof fetch;
}

export type AttachedTo = { kind: DedupTargetKind; id: number; code?: string };

export type IngestAlertResult =
	| { status: 'created'; alertId: number }
	| { status: 'attached'; alertId: number; attachedTo: AttachedTo }
	| { status: 'rejected'; httpStatus: 409; code: 'replayed'; message: string; alertId: number }
	| { status: 'rejected'; httpStatus: 422; code: 'invalid_alert'; message: string; fields: Record<string, string> };

const invalid = (fields: Record<string, string>): IngestAlertResult => ({
	status: 'rejected',
	httpStatus: 422,
	code: 'invalid_alert',
	message: 'The alert is invalid; nothing was written',
	fields
});
const replayed = (alertId: number): IngestAlertResult => ({
	status: 'rejected',
	httpStatus: 409,
	code: 'replayed',
	message: 'This alert (camera, capture time, category) was received before',
	alertId
});

/**
 * The UNIQUE(camera_id, captured_at, category_code) guard, hit by a concurrent identical push: SQLite names
 * its columns in the message, PostgreSQL names the constraint (alerts_replay) on the error.
 */
const isReplayViolation = (err: unknown) =>
	err instanceof Error &&
	(/UNIQUE constraint failed: alerts\.camera_id, alerts\.captured_at, alerts\.category_code/.test(err.message) ||
		((err as { code?: unknown }).code === '23505' && (err as { constraint?: unknown }).constraint === 'alerts_replay'));

export async function ingestAlert(
	db: Db,
	input: IngestAlertInput,
	ctx: IngestAlertContext
): Promise<IngestAlertResult> {
	const root = ctx.evidenceRoot ?? evidenceDir();
	const fields: Record<string, string> = {};
	const [camera, category, geo] = await Promise.all([
		getCamera(db, input.cameraId),
		getCategory(db, input.categoryCode),
		loadGeography(db, shanghaiDate(ctx.now))
	]);
	if (!camera) fields.cameraId = 'unknown_camera';
	else if (camera.active !== 1) fields.cameraId = 'inactive_camera';
	if (!category) fields.categoryCode = 'unknown_category';
	const place = locatePoint([input.lng, input.lat] as LngLat, geo.boundary, geo.areas, geo.communities);
	if (!place.ok) fields.point = place.reason;
	if (Object.keys(fields).length || !place.ok) return invalid(fields);

	const earlier = await findReplayedAlert(db, input.cameraId, input.capturedAt, input.categoryCode);
	if (earlier) return replayed(earlier.id);

	const settings = await loadAlertSettings(db);
	const loaded = await loadFrames(input.frames, settings.frameHosts, ctx.fetchImpl);
	if (!loaded.ok) return invalid(Object.fromEntries(loaded.errors.map((e) => [`frames[${e.index}]`, e.code])));
	const problems = await Promise.all(loaded.frames.map((f) => validateEvidence(f)));
	if (problems.some(Boolean))
		return invalid(Object.fromEntries(problems.flatMap((code, i) => (code ? [[`frames[${i}]`, code]] : []))));

	const stored = await storeEvidenceAll(root, loaded.frames, ctx.now);
	try {
		// Dedup inside the transaction, so the target is still open when the alert is attached; serializable,
		// so two alerts of one spot arriving at once (several app servers on PostgreSQL) cannot both find
		// nothing to join: one runs again and joins the other's.
		return await transact(
			db,
			async (trx) => {
				const candidates = await listDedupCandidates(trx, {
					categoryCode: input.categoryCode,
					lng: input.lng,
					lat: input.lat,
					at: input.capturedAt,
					meters: settings.dedupMeters,
					minutes: settings.dedupMinutes
				});
				const target = pickDedupTarget(
					{ categoryCode: input.categoryCode, lng: input.lng, lat: input.lat, at: input.capturedAt },
					candidates,
					{
						meters: settings.dedupMeters,
						minutes: settings.dedupMinutes
					}
				);
				const alertId = await insertAlert(trx, {
					camera_id: input.cameraId,
					captured_at: input.capturedAt,
					category_code: input.categoryCode,
					lng: input.lng,
					lat: input.lat,
					area_id: place.areaId,
					community_id: place.communityId,
					confidence: input.confidence,
					external_id: input.externalId,
					status: target ? 'attached' : 'pending',
					case_id: target?.kind === 'case' ? target.id : null,
					enforcement_id: target?.kind === 'enforcement' ? target.id : null,
					parent_alert_id: target?.kind === 'alert' ? target.id : null,
					api_key_id: ctx.apiKeyId,
					received_at: ctx.now
				});
				await insertEvidenceFiles(
					trx,
					evidenceRows(stored, loaded.frames, {
						alertId,
						enforcementId: target?.kind === 'enforcement' ? target.id : null,
						input,
						now: ctx.now
					})
				);
				if (!target) return { status: 'created' as const, alertId };
				const attachedTo: AttachedTo = {
					kind: target.kind,
					id: target.id,
					...(target.code ? { code: target.code } : {})
				};
				return { status: 'attached' as const, alertId, attachedTo };
			},
			{ serializable: true }
		);
	} catch (err) {
		await discardEvidence(root, stored).catch(() => {});
		if (isReplayViolation(err)) {
			const first = await findReplayedAlert(db, input.cameraId, input.capturedAt, input.categoryCode);
			if (first) return replayed(first.id);
		}
		throw err;
	}
}

function evidenceRows(
	stored: StoredEvidence[],
	frames: LoadedFrame[],
	c: { alertId: number; enforcementId: number | null; input: IngestAlertInput; now: number }
) {
	return stored.map((s, i) =>
		evidenceFileRow(s, {
			alert_id: c.alertId,
			enforcement_id: c.enforcementId,
			kind: 'frame',
			seq: i,
			source: frames[i].source,
			camera_id: c.input.cameraId,
			captured_at: c.input.capturedAt,
			created_at: c.now
		})
	);
}
