import { fail, redirect, type RequestEvent } from '@sveltejs/kit';
import { URGENCIES, type Urgency } from '$lib/domain/case-status';
import { getDb } from '$lib/server/db';
import { optionalId, refill, text } from '$lib/server/form';
import { fastTrackCase } from '$lib/server/services/case-fast-track';
import { requireActor } from '$lib/server/auth/gate';

/** 受理 + 立案 + 派遣 from one form; a refusal re-fills it with the message and the step that refused. */
export async function fastTrack(event: RequestEvent) {
	const actor = requireActor(event);
	const form = await event.request.formData();
	const values = {
		categoryCode: text(form, 'categoryCode').slice(0, 40),
		urgency: text(form, 'urgency').slice(0, 10),
		departmentId: text(form, 'departmentId').slice(0, 12),
		note: refill(text(form, 'note'), 2000)
	};
	const fail400 = (field: string, error: string) =>
		fail(400, { action: 'fast_track', values, field, error, step: null });
	if (!/^[1-9][0-9]{0,9}$/.test(text(form, 'version'))) return fail400('form', 'invalid');
	if (!(URGENCIES as readonly string[]).includes(values.urgency)) return fail400('urgency', 'invalid');
	const departmentId = optionalId(form, 'departmentId');
	if (departmentId === null) return fail400('departmentId', 'required');
	if (text(form, 'note').length > 2000) return fail400('note', 'too_long');
	const r = await fastTrackCase(
		getDb(),
		actor,
		Number(event.params.id),
		Number(text(form, 'version')),
		{ categoryCode: values.categoryCode, urgency: values.urgency as Urgency, departmentId, note: values.note },
		Date.now()
	);
	if (!r.ok)
		return fail(r.status, {
			action: 'fast_track',
			values,
			field: ('field' in r && r.field) || 'form',
			error: r.code,
			step: ('step' in r && r.step) || null
		});
	redirect(303, `/cases/${event.params.id}?done=fast_track`);
}
