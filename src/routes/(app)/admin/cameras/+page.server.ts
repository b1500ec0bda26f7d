import { fail } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { num, refill, text } from '$lib/server/form';
import {
	addCamera,
	editCamera,
	loadCameraAdmin,
	saveCameraSettings,
	setCameraActivity,
	type CameraForm
} from '$lib/server/services/cameras';
import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { requireCan } from '$lib/server/auth/gate';

/** The camera registry and alert settings are the admin's, on every load and action. */
function requireCameraAdmin(event: Pick<RequestEvent, 'locals' | 'url'>) {
	const actor = requireCan(event, 'admin.manage');
	return actor;
}

/** The camera form as typed, cut to what is sent back; lng and lat as numbers (NaN when absent). */
function readCameraForm(form: FormData): { values: CameraForm; lng: number; lat: number } {
	const values = {
		id: refill(text(form, 'id').trim(), 100),
		name: refill(text(form, 'name').trim(), 200),
		lng: text(form, 'lng').trim().slice(0, 40),
		lat: text(form, 'lat').trim().slice(0, 40)
	};
	return { values, lng: num(form, 'lng'), lat: num(form, 'lat') };
}

export const load: PageServerLoad = async (event) => {
	requireCameraAdmin(event);
	return loadCameraAdmin(getDb());
};

export const actions: Actions = {
	add: async (event) => {
		const actor = requireCameraAdmin(event);
		const { values, lng, lat } = readCameraForm(await event.request.formData());
		const added = await addCamera(getDb(), actor.id, values, lng, lat, Date.now());
		if (!added.ok) return fail(added.status, { action: 'add', values, errors: added.errors });
		return { action: 'add', done: values.id };
	},
	edit: async (event) => {
		const actor = requireCameraAdmin(event);
		const { values, lng, lat } = readCameraForm(await event.request.formData());
		const edited = await editCamera(getDb(), actor.id, values, lng, lat, Date.now());
		if (!edited.ok) return fail(edited.status, { action: 'edit', values, errors: edited.errors });
		return { action: 'edit', done: values.id };
	},
	deactivate: async (event) => setActive(event, false),
	reactivate: async (event) => setActive(event, true),
	settings: async (event) => {
		const actor = requireCameraAdmin(event);
		const form = await event.request.formData();
		const field = (name: string) => text(form, name).trim().slice(0, 20);
		const values = {
			dedupMeters: field('dedupMeters'),
			dedupMinutes: field('dedupMinutes'),
			frameHosts: refill(text(form, 'frameHosts'), 2000),
			rectifyMinutes: field('rectifyMinutes'),
			repeatDays: field('repeatDays')
		};
		const saved = await saveCameraSettings(getDb(), actor.id, values, Date.now());
		if (!saved.ok) return fail(400, { action: 'settings', values, errors: saved.errors });
		return { action: 'settings', done: 'settings' };
	}
};

async function setActive(event: RequestEvent, active: boolean) {
	const actor = requireCameraAdmin(event);
	const id = text(await event.request.formData(), 'id').trim();
	if (!(await setCameraActivity(getDb(), actor.id, id, active, Date.now())))
		return fail(404, {
			action: active ? 'reactivate' : 'deactivate',
			values: { id: id.slice(0, 100) },
			errors: { form: 'not_found' }
		});
	return { action: active ? 'reactivate' : 'deactivate', done: id };
}
