import { json } from '@sveltejs/kit';
import { captureTime, isFieldKind, isSubmissionKey } from '$lib/domain/field-submission';
import { getDb } from '$lib/server/db';
import { num, optionalId, photosOf, text } from '$lib/server/form';
import type { PhotoInput } from '$lib/server/photos';
import { submitFieldWork, type FieldWork } from '$lib/server/services/field-submit';
import type { RequestHandler } from './$types';

const problem = (status: number, code: string, errors?: Record<string, string>) =>
	json({ ok: false, code, errors }, { status });

/**
 * The phone's outbox sends one piece of field work here (multipart): 上报, 自行处置 or 核查, with its
 * key, the capture time and point. The answer says what was created, or why not, so the outbox knows
 * whether to drop the item, keep it for the worker to decide, or try again later.
 */
export const POST: RequestHandler = async ({ request, locals }) => {
	const actor = locals.actor;
	if (!actor) return problem(401, 'signed_out');
	let form: FormData;
	try {
		form = await request.formData();
	} catch {
		return problem(400, 'malformed');
	}
	const key = text(form, 'key');
	const kind = text(form, 'kind');
	if (!isSubmissionKey(key)) return problem(400, 'invalid_key');
	if (!isFieldKind(kind)) return problem(400, 'invalid_kind');
	const now = Date.now();
	const captured = captureTime(text(form, 'capturedAt'), now);
	if (!captured.ok) return problem(400, captured.code, { capturedAt: captured.code });
	const lng = num(form, 'lng');
	const lat = num(form, 'lat');
	const recorded = { at: captured.at, lng: Number.isFinite(lng) ? lng : null, lat: Number.isFinite(lat) ? lat : null };
	const photos = async (name: string): Promise<PhotoInput[]> =>
		(await photosOf(form, name)).map((p) => ({ ...p, recorded }));

	let work: FieldWork;
	if (kind === 'report' || kind === 'self_handle') {
		const report = {
			mode: kind,
			source: text(form, 'source') || 'patrol',
			categoryCode: text(form, 'categoryCode'),
			description: text(form, 'description'),
			address: text(form, 'address'),
			lng,
			lat,
			communityId: optionalId(form, 'communityId'),
			handlingNote: text(form, 'handlingNote'),
			beforePhotos: await photos('beforePhotos'),
			afterPhotos: kind === 'self_handle' ? await photos('afterPhotos') : []
		};
		work = { kind, report };
	} else {
		const caseId = optionalId(form, 'caseId');
		const version = optionalId(form, 'version');
		if (caseId === null || version === null) return problem(400, 'invalid', { form: 'invalid' });
		const note = text(form, 'note');
		if (note.length > 2000) return problem(400, 'too_long', { note: 'too_long' });
		// The service stamps a 核查's photos with the capture time and the point it keeps.
		work = { kind, caseId, version, note, photos: await photosOf(form, 'photos') };
	}
	const point = recorded.lng !== null && recorded.lat !== null ? { lng: recorded.lng, lat: recorded.lat } : null;
	const result = await submitFieldWork(getDb(), actor, { key, capturedAt: captured.at, point }, work, now);
	if (result.ok) return json(result, { status: result.duplicate ? 200 : 201 });
	return json(result, { status: result.status });
};
