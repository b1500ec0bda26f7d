import { describe, expect, it } from 'vitest';
import { createApiKey, revokeApiKey } from '$lib/server/auth/api-keys';
import {
	alertJson,
	type Answer,
	send,
	pushJson,
	pushMultipart,
	writesNothing,
	withoutFrames,
	useAlertsApi
} from './api.fixtures';

// POST /api/v1/alerts, what it refuses, writing nothing: missing, revoked or foreign keys, bad requests and bad
// multipart bodies. What it takes in: api.accepted.test.ts; shared set-up: api.fixtures.ts.

const api = useAlertsApi();

describe('POST /api/v1/alerts: API keys', () => {
	it('no Authorization header → 401 api_key_missing', async () => {
		const r = await writesNothing(() => pushJson(alertJson(), null));
		expect(r).toMatchObject({ status: 401, json: { error: { code: 'api_key_missing' } } });
	});

	it('a key that was never issued → 401 api_key_invalid', async () => {
		const r = await writesNothing(() => pushJson(alertJson(), `Bearer gck_aaaaaaaa_${'a'.repeat(32)}`));
		expect(r).toMatchObject({ status: 401, json: { error: { code: 'api_key_invalid' } } });
	});

	it('a revoked alerts key → 401 api_key_revoked', async () => {
		const old = await createApiKey(api.db, '旧视频平台', api.users.get('admin')!, Date.now(), 'alerts');
		await revokeApiKey(api.db, old.id, Date.now());
		const r = await writesNothing(() => pushJson(alertJson(), `Bearer ${old.key}`));
		expect(r).toMatchObject({ status: 401, json: { error: { code: 'api_key_revoked' } } });
	});

	it('a 12345 (hotline) key → 403 wrong_integration', async () => {
		const r = await writesNothing(() => pushJson(alertJson(), `Bearer ${api.hotlineKey}`));
		expect(r).toMatchObject({ status: 403, json: { error: { code: 'wrong_integration' } } });
	});
});

describe('POST /api/v1/alerts: bad requests write nothing', () => {
	it('another content type → 415', async () => {
		const r = await writesNothing(() => send(JSON.stringify(alertJson()), 'text/plain'));
		expect(r).toMatchObject({ status: 415, json: { error: { code: 'unsupported_media_type' } } });
	});

	it('a body that is not JSON → 400 invalid_json', async () => {
		const r = await writesNothing(() => pushJson('{"cameraId": '));
		expect(r).toEqual({
			status: 400,
			json: { error: { code: 'invalid_json', message: expect.any(String), fields: { body: 'invalid_json' } } }
		});
	});

	it('a Content-Length over 40 MB → 413 before reading', async () => {
		const r = await writesNothing(() =>
			send('{}', 'application/json', `Bearer ${api.key}`, { 'content-length': String(41 * 1024 * 1024) })
		);
		expect(r).toMatchObject({ status: 413, json: { error: { code: 'too_large' } } });
	});

	it('a streamed body past 40 MB (no Content-Length) → 413', async () => {
		const chunk = new Uint8Array(1024 * 1024).fill(0x20);
		let sent = 0;
		const stream = new ReadableStream<Uint8Array>({
			pull(c) {
				if (sent++ < 42) c.enqueue(chunk);
				else c.close();
			}
		});
		const r = await writesNothing(() => send(stream, 'application/json'));
		expect(r).toMatchObject({ status: 413, json: { error: { code: 'too_large' } } });
	});

	it('invalid fields → 422 with every field', async () => {
		const r = await writesNothing(() =>
			pushJson(
				alertJson({
					cameraId: '',
					capturedAt: '2026-11-27 10:00',
					confidence: 2,
					frames: [{ data: 'abc$' }, { url: 'ftp://x/y.jpg' }]
				})
			)
		);
		expect(r).toEqual({
			status: 422,
			json: {
				error: {
					code: 'invalid_alert',
					message: expect.any(String),
					fields: {
						cameraId: 'required',
						capturedAt: 'missing_offset',
						confidence: 'out_of_range',
						'frames[0]': 'invalid_base64',
						'frames[1]': 'unsupported_scheme'
					}
				}
			}
		});
	});

	it.each([
		['an unknown camera', { cameraId: 'CAM-ZZZ' }, { cameraId: 'unknown_camera' }],
		['an unknown category', { categoryCode: 'SH-NOPE-99' }, { categoryCode: 'unknown_category' }],
		['a point outside the subdistrict', { lng: 121.47, lat: 31.23 }, { point: 'outside_subdistrict' }],
		[
			'a URL frame from a host not allowed',
			{ frames: [{ url: 'http://203.0.113.9/frame.jpg' }, { url: 'http://203.0.113.9/frame.jpg' }] },
			{ 'frames[0]': 'host_not_allowed', 'frames[1]': 'host_not_allowed' }
		],
		[
			'a frame that is not an image',
			{
				frames: [{ data: Buffer.from('plain text').toString('base64') }, { data: Buffer.from('x').toString('base64') }]
			},
			{ 'frames[0]': 'not_image', 'frames[1]': 'not_image' }
		]
	] as [string, Record<string, unknown>, Record<string, string>][])(
		'%s → 422 with the field',
		async (_label, over, fields) => {
			const r = await writesNothing(() => pushJson(alertJson(over)));
			expect(r).toEqual({
				status: 422,
				json: { error: { code: 'invalid_alert', message: expect.any(String), fields } }
			});
		}
	);
});

describe('POST /api/v1/alerts: multipart refused', () => {
	it.each([
		['one file only', () => pushMultipart(withoutFrames(), [api.jpegA]), 422, { frames: 'too_few' }],
		[
			'frames both in the JSON and as files',
			() => pushMultipart(alertJson(), [api.jpegA, api.jpegB]),
			422,
			{ frames: 'unexpected' }
		],
		[
			'a file that is not an image',
			() => pushMultipart(withoutFrames(), [api.jpegA, Buffer.from('MZ executable')]),
			422,
			{ 'frames[1]': 'not_image' }
		],
		['no `alert` field', () => pushMultipart(undefined, [api.jpegA, api.jpegB]), 400, { alert: 'required' }],
		['`alert` that is not JSON', () => pushMultipart('{oops', [api.jpegA, api.jpegB]), 400, { alert: 'invalid_json' }],
		[
			'`frames` as text, not files',
			() => pushMultipart(withoutFrames(), ['aGVsbG8=', 'aGVsbG8=']),
			400,
			{ frames: 'invalid' }
		]
	] as [string, () => Promise<Answer>, number, Record<string, string>][])(
		'%s → %i, nothing written',
		async (_label, act, status, fields) => {
			const r = await writesNothing(act);
			expect(r.status).toBe(status);
			expect((r.json.error as { fields: unknown }).fields).toEqual(fields);
		}
	);

	it('a broken multipart body → 400 invalid_multipart', async () => {
		const r = await writesNothing(() => send('--x\r\nnot a part', 'multipart/form-data; boundary=x'));
		expect(r).toMatchObject({ status: 400, json: { error: { code: 'invalid_multipart' } } });
	});
});
