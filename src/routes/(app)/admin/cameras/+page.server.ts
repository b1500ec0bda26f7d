import { fail } from '@sveltejs/kit';
import { locatePoint, type LngLat } from '$lib/domain/geo';
import { shanghaiDate } from '$lib/domain/working-days';
import { getDb } from '$lib/server/db';
import { num, refill, text } from '$lib/server/form';
import { DEDUP_METERS_RANGE, DEDUP_MINUTES_RANGE, loadAlertSettings, parseFrameHosts, saveAlertSettings } from '$lib/server/repositories/alerts';
import { getCamera, insertCamera, listCameras, setCameraActive, updateCamera, type CameraPlace } from '$lib/server/repositories/cameras';
import { loadGeography } from '$lib/server/repositories/reference';
import { appendAudit } from '$lib/server/repositories/audit';
import { setSetting } from '$lib/server/repositories/settings';
import type { Db } from '$lib/server/db/create-database';
import { rectifyMinutes as rectifyMinutesOf } from '$lib/server/services/enforcement/actions';
import { getRepeatWindowDays, REPEAT_WINDOW_SETTING } from '$lib/server/services/shops';
import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { requireCan } from '$lib/server/auth/gate';

/** Records an admin change in the audit log (inside the change's transaction); true, to chain after the change. */
async function audited(trx: Db, actorId: number, at: number, action: string, id: string, detail: Record<string, unknown>): Promise<true> {
	await appendAudit(trx, { at, actorId, action, target: action.startsWith('settings') ? id : `camera:${id}`, detail });
	return true;
}

/** The 先行告知整改 period and the repeat-offence window (GridCase rules, kept configurable). */
const RECTIFY_MINUTES_RANGE = [1, 1440] as const;
const REPEAT_DAYS_RANGE = [1, 3650] as const;

/** The camera registry and alert settings are the admin's (manage_cameras), on every load and action. */
function requireCameraAdmin(event: Pick<RequestEvent, 'locals' | 'url'>) {
	const actor = requireCan(event, 'admin.manage');
	return actor;
}

/** The platform's ids: letters, digits and - _ . : (they appear in URLs and file names). */
const CAMERA_ID = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$/;
const MAX_NAME = 60;

type Errors = Record<string, string>;

/** Name and point from the form; the 片区 and 居民区 follow from the point, inside the subdistrict only. */
async function readPlace(form: FormData, now: number): Promise<{ values: Record<string, string>; errors: Errors; place: CameraPlace | null }> {
	const values = { id: refill(text(form, 'id').trim(), 100), name: refill(text(form, 'name').trim(), 200), lng: text(form, 'lng').trim().slice(0, 40), lat: text(form, 'lat').trim().slice(0, 40) };
	const errors: Errors = {};
	if (!values.name) errors.name = 'required';
	else if (values.name.length > MAX_NAME) errors.name = 'too_long';
	const lng = num(form, 'lng');
	const lat = num(form, 'lat');
	let found: { areaId: number; communityId: number } | null = null;
	if (!Number.isFinite(lng) || !Number.isFinite(lat)) errors.point = values.lng || values.lat ? 'invalid_point' : 'required';
	else {
		const geo = await loadGeography(getDb(), shanghaiDate(now));
		const located = locatePoint([lng, lat] as LngLat, geo.boundary, geo.areas, geo.communities);
		if (located.ok) found = located;
		else errors.point = located.reason;
	}
	const place = found && !Object.keys(errors).length ? { name: values.name, lng, lat, ...found } : null;
	return { values, errors, place };
}

export const load: PageServerLoad = async (event) => {
	requireCameraAdmin(event);
	const db = getDb();
	const [cameras, settings, rectifyMinutes, repeatDays] = await Promise.all([listCameras(db), loadAlertSettings(db), rectifyMinutesOf(db), getRepeatWindowDays(db)]);
	return {
		cameras,
		settings: { ...settings, rectifyMinutes, repeatDays },
		ranges: { meters: DEDUP_METERS_RANGE, minutes: DEDUP_MINUTES_RANGE, rectify: RECTIFY_MINUTES_RANGE, repeat: REPEAT_DAYS_RANGE }
	};
};

export const actions: Actions = {
	add: async (event) => {
		const actor = requireCameraAdmin(event);
		const now = Date.now();
		const { values, errors, place } = await readPlace(await event.request.formData(), now);
		if (!values.id) errors.id = 'required';
		else if (!CAMERA_ID.test(values.id)) errors.id = 'invalid_id';
		if (Object.keys(errors).length || !place) return fail(400, { action: 'add', values, errors });
		const added = await getDb()
			.transaction()
			.execute(async (trx) => (await insertCamera(trx, values.id, place, now)) && (await audited(trx, actor.id, now, 'camera.add', values.id, { ...place })));
		if (!added) return fail(400, { action: 'add', values, errors: { id: 'duplicate' } });
		return { action: 'add', done: values.id };
	},
	edit: async (event) => {
		const actor = requireCameraAdmin(event);
		const now = Date.now();
		const { values, errors, place } = await readPlace(await event.request.formData(), now);
		if (!(await getCamera(getDb(), values.id))) return fail(404, { action: 'edit', values, errors: { form: 'not_found' } });
		if (Object.keys(errors).length || !place) return fail(400, { action: 'edit', values, errors });
		await getDb()
			.transaction()
			.execute(async (trx) => {
				await updateCamera(trx, values.id, place, now);
				await audited(trx, actor.id, now, 'camera.edit', values.id, { ...place });
			});
		return { action: 'edit', done: values.id };
	},
	deactivate: async (event) => setActive(event, false),
	reactivate: async (event) => setActive(event, true),
	settings: async (event) => {
		const actor = requireCameraAdmin(event);
		const form = await event.request.formData();
		const field = (name: string) => text(form, name).trim().slice(0, 20);
		const values = { dedupMeters: field('dedupMeters'), dedupMinutes: field('dedupMinutes'), frameHosts: refill(text(form, 'frameHosts'), 2000), rectifyMinutes: field('rectifyMinutes'), repeatDays: field('repeatDays') };
		const errors: Errors = {};
		const intIn = (s: string, [min, max]: readonly [number, number]) => (/^\d+$/.test(s) && Number(s) >= min && Number(s) <= max ? Number(s) : null);
		const meters = intIn(values.dedupMeters, DEDUP_METERS_RANGE);
		const minutes = intIn(values.dedupMinutes, DEDUP_MINUTES_RANGE);
		const hosts = parseFrameHosts(values.frameHosts);
		if (meters === null) errors.dedupMeters = values.dedupMeters ? 'out_of_range' : 'required';
		if (minutes === null) errors.dedupMinutes = values.dedupMinutes ? 'out_of_range' : 'required';
		if (hosts === null) errors.frameHosts = 'invalid_hosts';
		const rectify = intIn(values.rectifyMinutes, RECTIFY_MINUTES_RANGE);
		const repeat = intIn(values.repeatDays, REPEAT_DAYS_RANGE);
		if (rectify === null) errors.rectifyMinutes = values.rectifyMinutes ? 'out_of_range' : 'required';
		if (repeat === null) errors.repeatDays = values.repeatDays ? 'out_of_range' : 'required';
		if (meters === null || minutes === null || hosts === null || rectify === null || repeat === null) return fail(400, { action: 'settings', values, errors });
		await getDb()
			.transaction()
			.execute(async (trx) => {
				await saveAlertSettings(trx, { dedupMeters: meters, dedupMinutes: minutes, frameHosts: hosts });
				await setSetting(trx, 'enforcement.rectify_minutes', String(rectify));
				await setSetting(trx, REPEAT_WINDOW_SETTING, String(repeat));
				await audited(trx, actor.id, Date.now(), 'settings.alerts', 'settings', { dedupMeters: meters, dedupMinutes: minutes, frameHosts: hosts, rectifyMinutes: rectify, repeatDays: repeat });
			});
		return { action: 'settings', done: 'settings' };
	}
};

async function setActive(event: RequestEvent, active: boolean) {
	const actor = requireCameraAdmin(event);
	const id = text(await event.request.formData(), 'id').trim();
	const now = Date.now();
	const changed =
		!!id &&
		(await getDb()
			.transaction()
			.execute(async (trx) => (await setCameraActive(trx, id, active, now)) && (await audited(trx, actor.id, now, active ? 'camera.reactivate' : 'camera.deactivate', id, {}))));
	if (!changed) return fail(404, { action: active ? 'reactivate' : 'deactivate', values: { id: id.slice(0, 100) }, errors: { form: 'not_found' } });
	return { action: active ? 'reactivate' : 'deactivate', done: id };
}
