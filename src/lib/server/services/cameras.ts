// The camera registry (视频探头) and the alert settings beside it: each change is written with its
// audit row in one transaction. The caller has checked manage_cameras.
import { locatePoint, type LngLat } from '$lib/domain/geo';
import { parseFrameHosts, parseIntSetting, SETTINGS } from '$lib/domain/settings';
import { shanghaiDate } from '$lib/domain/working-days';
import type { Db } from '../db/create-database';
import { auditedChange } from './audited-change';
import { loadAlertSettings, saveAlertSettings } from '../repositories/alerts';
import {
	getCamera,
	insertCamera,
	listCameras,
	setCameraActive,
	updateCamera,
	type CameraPlace
} from '../repositories/cameras';
import { loadGeography } from '../repositories/reference';
import { readSetting, writeSetting } from '../repositories/settings';

/** The platform's ids: letters, digits and - _ . : (they appear in URLs and file names). */
const CAMERA_ID = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$/;
const MAX_NAME = 60;

type Errors = Record<string, string>;
/** The camera form as typed (already cut to refill size); lng and lat parsed by the caller (NaN when absent). */
export interface CameraForm {
	id: string;
	name: string;
	lng: string;
	lat: string;
}
export type CameraWriteResult = { ok: true } | { ok: false; status: 400 | 404; errors: Errors };

export async function loadCameraAdmin(db: Db) {
	const [cameras, alertSettings, rectifyMinutes, repeatDays] = await Promise.all([
		listCameras(db),
		loadAlertSettings(db),
		readSetting(db, SETTINGS.rectifyMinutes),
		readSetting(db, SETTINGS.repeatWindowDays)
	]);
	return {
		cameras,
		settings: { ...alertSettings, rectifyMinutes, repeatDays },
		ranges: {
			meters: SETTINGS.dedupMeters.range,
			minutes: SETTINGS.dedupMinutes.range,
			rectify: SETTINGS.rectifyMinutes.range,
			repeat: SETTINGS.repeatWindowDays.range
		}
	};
}

/** Name and point; the 片区 and 居民区 follow from the point, inside the subdistrict only. */
async function readPlace(
	db: Db,
	form: CameraForm,
	lng: number,
	lat: number,
	now: number
): Promise<{ errors: Errors; place: CameraPlace | null }> {
	const errors: Errors = {};
	if (!form.name) errors.name = 'required';
	else if (form.name.length > MAX_NAME) errors.name = 'too_long';
	let found: { areaId: number; communityId: number } | null = null;
	if (!Number.isFinite(lng) || !Number.isFinite(lat))
		errors.point = form.lng || form.lat ? 'invalid_point' : 'required';
	else {
		const geo = await loadGeography(db, shanghaiDate(now));
		const located = locatePoint([lng, lat] as LngLat, geo.boundary, geo.areas, geo.communities);
		if (located.ok) found = located;
		else errors.point = located.reason;
	}
	const place = found && !Object.keys(errors).length ? { name: form.name, lng, lat, ...found } : null;
	return { errors, place };
}

const cameraNote = (action: string, id: string, detail: Record<string, unknown> = {}) => ({
	action,
	target: `camera:${id}`,
	detail
});

/** Adding and editing take the same form; lng and lat parsed by the caller. */
type CameraWrite = (
	db: Db,
	actorId: number,
	form: CameraForm,
	lng: number,
	lat: number,
	now: number
) => Promise<CameraWriteResult>;

export const addCamera: CameraWrite = async (db, actorId, form, lng, lat, now) => {
	const { errors, place } = await readPlace(db, form, lng, lat, now);
	if (!form.id) errors.id = 'required';
	else if (!CAMERA_ID.test(form.id)) errors.id = 'invalid_id';
	if (Object.keys(errors).length || !place) return { ok: false, status: 400, errors };
	const added = await auditedChange(
		db,
		{ actorId, at: now },
		(trx) => insertCamera(trx, form.id, place, now),
		(added) => (added ? cameraNote('camera.add', form.id, { ...place }) : null)
	);
	return added ? { ok: true } : { ok: false, status: 400, errors: { id: 'duplicate' } };
};

export const editCamera: CameraWrite = async (db, actorId, form, lng, lat, now) => {
	const { errors, place } = await readPlace(db, form, lng, lat, now);
	if (!(await getCamera(db, form.id))) return { ok: false, status: 404, errors: { form: 'not_found' } };
	if (Object.keys(errors).length || !place) return { ok: false, status: 400, errors };
	await auditedChange(
		db,
		{ actorId, at: now },
		(trx) => updateCamera(trx, form.id, place, now),
		() => cameraNote('camera.edit', form.id, { ...place })
	);
	return { ok: true };
};

/** Switches a camera off or back on; false when there is no such camera (or it is already so). */
export async function setCameraActivity(
	db: Db,
	actorId: number,
	id: string,
	active: boolean,
	now: number
): Promise<boolean> {
	if (!id) return false;
	return auditedChange(
		db,
		{ actorId, at: now },
		(trx) => setCameraActive(trx, id, active, now),
		(changed) => (changed ? cameraNote(active ? 'camera.reactivate' : 'camera.deactivate', id) : null)
	);
}

/** The settings form as typed (already cut to refill size). */
export interface CameraSettingsForm {
	dedupMeters: string;
	dedupMinutes: string;
	frameHosts: string;
	rectifyMinutes: string;
	repeatDays: string;
}

/** Checks every field, then saves the alert settings, the rectify period and the repeat window with one audit row. */
export async function saveCameraSettings(
	db: Db,
	actorId: number,
	form: CameraSettingsForm,
	now: number
): Promise<{ ok: true } | { ok: false; errors: Errors }> {
	const errors: Errors = {};
	const meters = parseIntSetting(SETTINGS.dedupMeters, form.dedupMeters);
	const minutes = parseIntSetting(SETTINGS.dedupMinutes, form.dedupMinutes);
	const hosts = parseFrameHosts(form.frameHosts);
	if (!meters.ok) errors.dedupMeters = meters.error;
	if (!minutes.ok) errors.dedupMinutes = minutes.error;
	if (hosts === null) errors.frameHosts = 'invalid_hosts';
	const rectify = parseIntSetting(SETTINGS.rectifyMinutes, form.rectifyMinutes);
	const repeat = parseIntSetting(SETTINGS.repeatWindowDays, form.repeatDays);
	if (!rectify.ok) errors.rectifyMinutes = rectify.error;
	if (!repeat.ok) errors.repeatDays = repeat.error;
	if (!meters.ok || !minutes.ok || hosts === null || !rectify.ok || !repeat.ok) return { ok: false, errors };
	const saved = {
		dedupMeters: meters.value,
		dedupMinutes: minutes.value,
		frameHosts: hosts,
		rectifyMinutes: rectify.value,
		repeatDays: repeat.value
	};
	await auditedChange(
		db,
		{ actorId, at: now },
		async (trx) => {
			await saveAlertSettings(trx, {
				dedupMeters: saved.dedupMeters,
				dedupMinutes: saved.dedupMinutes,
				frameHosts: saved.frameHosts
			});
			await writeSetting(trx, SETTINGS.rectifyMinutes, saved.rectifyMinutes);
			await writeSetting(trx, SETTINGS.repeatWindowDays, saved.repeatDays);
		},
		() => ({ action: 'settings.alerts', target: 'settings', detail: saved })
	);
	return { ok: true };
}
