// A camera alert (视频/AI 告警) as the platform pushes it, checked field by field.
// Pure: whether the camera and category exist, and fetching frames, are the service's job.

export const MIN_FRAMES = 2;
export const MAX_FRAMES = 6;
/** Per frame, decoded (the evidence store refuses more anyway; this refuses before decoding). */
export const MAX_FRAME_BYTES = 10 * 1024 * 1024;
/** The platform's clock may run a little ahead of ours. */
export const FUTURE_TOLERANCE_MS = 5 * 60_000;
const MAX_ID = 64;
const MAX_URL = 2048;

/** Where a frame's bytes come from: inline base64, or an address the server fetches. */
export type FrameSource = { kind: 'data'; base64: string } | { kind: 'url'; url: string };

export interface AlertInput {
	cameraId: string;
	/** ms UTC */
	capturedAt: number;
	lng: number;
	lat: number;
	categoryCode: string;
	confidence: number;
	externalId: string | null;
	frames: FrameSource[];
}

export type AlertInputErrorCode =
	| 'required'
	| 'invalid'
	| 'too_long'
	| 'invalid_date'
	| 'missing_offset'
	| 'in_future'
	| 'invalid_point'
	| 'out_of_range'
	| 'too_few'
	| 'too_many'
	| 'invalid_base64'
	| 'too_large'
	| 'invalid_url'
	| 'unsupported_scheme'
	| 'unexpected';

/** `field` is a payload key, or `frames[i]` for one frame. */
export interface AlertInputError {
	field: string;
	code: AlertInputErrorCode;
}

export type AlertInputResult = { ok: true; alert: AlertInput } | { ok: false; errors: AlertInputError[] };

export interface AlertInputOptions {
	now: number;
	/**
	 * Frames sent as files beside the JSON (multipart): their count. The JSON must then carry no
	 * `frames`, and the result's `frames` is empty (the caller adds the files).
	 */
	uploadedFrames?: number;
}

const ISO_WITH_OFFSET = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:\d{2})$/;
const ISO_NO_OFFSET = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/;

/** ISO 8601 instant with an explicit offset (`Z` or ±hh:mm) → ms UTC; a calendar-impossible date is invalid. */
export function parseCapturedAt(s: string): number | 'invalid_date' | 'missing_offset' {
	const m = ISO_WITH_OFFSET.exec(s);
	if (!m) return ISO_NO_OFFSET.test(s) ? 'missing_offset' : 'invalid_date';
	const [y, mo, d, h, mi, sec] = [m[1], m[2], m[3], m[4], m[5], m[6] ?? '0'].map(Number);
	const ms = Number((m[7] ?? '').padEnd(3, '0').slice(0, 3) || 0);
	if (mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59 || sec > 59) return 'invalid_date';
	const wall = Date.UTC(y, mo - 1, d, h, mi, sec, ms);
	if (new Date(wall).getUTCDate() !== d) return 'invalid_date'; // 2026-02-30
	let offsetMin = 0;
	if (m[8] !== 'Z') {
		const [oh, om] = m[8].slice(1).split(':').map(Number);
		if (oh > 14 || om > 59) return 'invalid_date';
		offsetMin = (m[8][0] === '-' ? -1 : 1) * (oh * 60 + om);
	}
	return wall - offsetMin * 60_000;
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
const DATA_URL = /^data:image\/[a-z0-9.+-]+;base64,/i;

function checkFrame(raw: unknown): FrameSource | AlertInputErrorCode {
	if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return 'invalid';
	const { data, url } = raw as { data?: unknown; url?: unknown };
	if ((data === undefined) === (url === undefined)) return 'invalid'; // exactly one of the two
	if (data !== undefined) {
		if (typeof data !== 'string') return 'invalid_base64';
		const b64 = data.replace(DATA_URL, '').replace(/\s+/g, '');
		if (b64.length === 0) return 'required';
		if (b64.length % 4 !== 0 || !BASE64.test(b64)) return 'invalid_base64';
		if ((b64.length / 4) * 3 - (b64.match(/=*$/)?.[0].length ?? 0) > MAX_FRAME_BYTES) return 'too_large';
		return { kind: 'data', base64: b64 };
	}
	if (typeof url !== 'string' || url.length === 0) return 'invalid_url';
	if (url.length > MAX_URL) return 'too_long';
	let parsed: URL;
	try {
		parsed = new URL(url);
	} catch {
		return 'invalid_url';
	}
	if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return 'unsupported_scheme';
	if (parsed.username || parsed.password) return 'invalid_url'; // no credentials in addresses we log
	return { kind: 'url', url: parsed.href };
}

const isText = (v: unknown): v is string => typeof v === 'string' && v.trim().length > 0;

/** Checks a pushed payload; every problem is reported, so the platform can fix them in one go. */
export function validateAlertInput(raw: unknown, opts: AlertInputOptions): AlertInputResult {
	if (!raw || typeof raw !== 'object' || Array.isArray(raw))
		return { ok: false, errors: [{ field: 'body', code: 'invalid' }] };
	const p = raw as Record<string, unknown>;
	const errors: AlertInputError[] = [];
	const fail = (field: string, code: AlertInputErrorCode) => errors.push({ field, code });

	if (!isText(p.cameraId)) fail('cameraId', p.cameraId === undefined || p.cameraId === '' ? 'required' : 'invalid');
	else if (p.cameraId.trim().length > MAX_ID) fail('cameraId', 'too_long');

	let capturedAt = NaN;
	if (!isText(p.capturedAt)) fail('capturedAt', p.capturedAt === undefined ? 'required' : 'invalid_date');
	else {
		const parsed = parseCapturedAt(p.capturedAt.trim());
		if (typeof parsed === 'string') fail('capturedAt', parsed);
		else if (parsed > opts.now + FUTURE_TOLERANCE_MS) fail('capturedAt', 'in_future');
		else capturedAt = parsed;
	}

	for (const [field, value, limit] of [
		['lng', p.lng, 180],
		['lat', p.lat, 90]
	] as const) {
		if (value === undefined || value === null) fail(field, 'required');
		else if (typeof value !== 'number' || !Number.isFinite(value) || Math.abs(value) > limit)
			fail(field, 'invalid_point');
	}

	if (!isText(p.categoryCode)) fail('categoryCode', p.categoryCode === undefined ? 'required' : 'invalid');
	else if (p.categoryCode.trim().length > MAX_ID) fail('categoryCode', 'too_long');

	if (p.confidence === undefined) fail('confidence', 'required');
	else if (typeof p.confidence !== 'number' || !Number.isFinite(p.confidence)) fail('confidence', 'invalid');
	else if (p.confidence < 0 || p.confidence > 1) fail('confidence', 'out_of_range');

	if (p.externalId !== undefined && p.externalId !== null) {
		if (!isText(p.externalId)) fail('externalId', 'invalid');
		else if (p.externalId.trim().length > 128) fail('externalId', 'too_long');
	}

	const frames: FrameSource[] = [];
	if (opts.uploadedFrames !== undefined) {
		if (p.frames !== undefined) fail('frames', 'unexpected');
		else if (opts.uploadedFrames < MIN_FRAMES) fail('frames', opts.uploadedFrames === 0 ? 'required' : 'too_few');
		else if (opts.uploadedFrames > MAX_FRAMES) fail('frames', 'too_many');
	} else if (p.frames === undefined) fail('frames', 'required');
	else if (!Array.isArray(p.frames)) fail('frames', 'invalid');
	else if (p.frames.length < MIN_FRAMES) fail('frames', p.frames.length === 0 ? 'required' : 'too_few');
	else if (p.frames.length > MAX_FRAMES) fail('frames', 'too_many');
	else
		p.frames.forEach((f, i) => {
			const checked = checkFrame(f);
			if (typeof checked === 'string') fail(`frames[${i}]`, checked);
			else frames.push(checked);
		});

	if (errors.length) return { ok: false, errors };
	return {
		ok: true,
		alert: {
			cameraId: (p.cameraId as string).trim(),
			capturedAt,
			lng: p.lng as number,
			lat: p.lat as number,
			categoryCode: (p.categoryCode as string).trim(),
			confidence: p.confidence as number,
			externalId: isText(p.externalId) ? p.externalId.trim() : null,
			frames
		}
	};
}
