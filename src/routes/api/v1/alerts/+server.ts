import { json } from '@sveltejs/kit';
import { validateAlertInput } from '$lib/domain/alert-input';
import { apiKeyOf, cappedBody, problem } from '$lib/server/api-answers';
import { getDb } from '$lib/server/db';
import { ingestAlert } from '$lib/server/services/alerts/ingest';
import type { FrameInput } from '$lib/server/services/alerts/frames';
import type { RequestHandler } from './$types';

/** Six 10 MB frames, base64-inflated, with room for the JSON around them. */
const MAX_BODY = 40 * 1024 * 1024;

/**
 * The video platform pushes one camera alert (视频/AI 告警) here, authorised by an `alerts` API key.
 * - `application/json`: the alert with `frames: [{ data: base64 } | { url }]` (2–6).
 * - `multipart/form-data`: field `alert` = the same JSON without `frames`, the images in `frames`.
 * 201 created, 200 attached to open work, 409 replayed; on any error nothing is written.
 */
export const POST: RequestHandler = async ({ request }) => {
	const db = getDb();
	const now = Date.now();
	const key = await apiKeyOf(db, request, 'alerts', now);
	if (key instanceof Response) return key;
	const type = (request.headers.get('content-type') ?? '').split(';')[0].trim().toLowerCase();
	if (type !== 'application/json' && type !== 'multipart/form-data')
		return problem(415, 'unsupported_media_type', 'Send application/json or multipart/form-data');
	const body = await cappedBody(request, MAX_BODY);
	if (body instanceof Response) return body;

	let raw: unknown;
	let files: FrameInput[] | null = null;
	if (type === 'application/json') {
		try {
			raw = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(body));
		} catch {
			return problem(400, 'invalid_json', 'The body is not valid JSON', { fields: { body: 'invalid_json' } });
		}
	} else {
		let form: FormData;
		try {
			form = await new Response(body, {
				headers: { 'content-type': request.headers.get('content-type') ?? '' }
			}).formData();
		} catch {
			return problem(400, 'invalid_multipart', 'The body is not valid multipart/form-data', {
				fields: { body: 'invalid_multipart' }
			});
		}
		const alertField = form.get('alert');
		if (typeof alertField !== 'string')
			return problem(400, 'invalid_multipart', 'Field `alert` (JSON text) is required', {
				fields: { alert: 'required' }
			});
		try {
			raw = JSON.parse(alertField);
		} catch {
			return problem(400, 'invalid_json', 'Field `alert` is not valid JSON', { fields: { alert: 'invalid_json' } });
		}
		const parts = form.getAll('frames');
		if (parts.some((p) => typeof p === 'string'))
			return problem(400, 'invalid_multipart', 'Field `frames` must carry files', { fields: { frames: 'invalid' } });
		files = await Promise.all(
			(parts as File[]).map(async (f) => ({
				kind: 'file' as const,
				name: f.name,
				bytes: new Uint8Array(await f.arrayBuffer())
			}))
		);
	}

	const checked = validateAlertInput(raw, { now, uploadedFrames: files?.length });
	if (!checked.ok) {
		const fields = Object.fromEntries(checked.errors.map((e) => [e.field, e.code]));
		return problem(422, 'invalid_alert', 'The alert is invalid; nothing was written', { fields });
	}
	const result = await ingestAlert(
		db,
		{ ...checked.alert, frames: files ?? checked.alert.frames },
		{ apiKeyId: key.id, now }
	);
	switch (result.status) {
		case 'created':
			return json({ status: 'created', alertId: result.alertId }, { status: 201 });
		case 'attached':
			return json({ status: 'attached', alertId: result.alertId, attachedTo: result.attachedTo }, { status: 200 });
		default:
			return result.code === 'replayed'
				? problem(409, 'replayed', result.message, { alertId: result.alertId })
				: problem(422, result.code, result.message, { fields: result.fields });
	}
};
