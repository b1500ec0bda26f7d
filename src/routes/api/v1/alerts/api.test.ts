import { createHash } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { locatePoint, type LngLat } from '$lib/domain/geo';
import { createApiKey, revokeApiKey } from '$lib/server/auth/api-keys';
import { saveAlertSettings } from '$lib/server/repositories/alerts';
import { insertCamera } from '$lib/server/repositories/cameras';
import { loadGeography } from '$lib/server/repositories/reference';
import { createTestDb, listFiles, type TestDb, countRows } from '$lib/server/test-db';

// As in the hotline API test: the handler opens DATABASE_PATH through getDb(), so point it at the
// test database before loading the module. Evidence goes to the test directory too.
type Handler = (event: { request: Request }) => Promise<Response>;
let POST: Handler;
let t: TestDb;
let key: string;
let apiKeyId: number;
let hotlineKey: string;
let evidenceRoot: string;
let server: http.Server;
let frameHost: string;
let jpegA: Buffer;
let jpegB: Buffer;
const saved = { DATABASE_PATH: process.env.DATABASE_PATH, EVIDENCE_DIR: process.env.EVIDENCE_DIR };

const LNG = 121.3912;
const LAT = 31.1523;

beforeAll(async () => {
	t = await createTestDb();
	evidenceRoot = path.join(t.dir, 'evidence');
	process.env.DATABASE_PATH = path.join(t.dir, 'gridcase.db');
	process.env.EVIDENCE_DIR = evidenceRoot;
	vi.resetModules();
	POST = (await import('./+server')).POST as unknown as Handler;
	const admin = t.users.get('admin')!;
	({ key, id: apiKeyId } = await createApiKey(t.db, '视频平台', admin, Date.now(), 'alerts'));
	hotlineKey = (await createApiKey(t.db, '市12345平台', admin, Date.now())).key;
	const geo = await loadGeography(t.db, new Date().toISOString().slice(0, 10));
	const place = locatePoint([LNG, LAT] as LngLat, geo.boundary, geo.areas, geo.communities);
	if (!place.ok) throw new Error('test point outside the subdistrict');
	await insertCamera(
		t.db,
		'CAM-A',
		{ name: '古美路东', lng: LNG, lat: LAT, areaId: place.areaId, communityId: place.communityId },
		Date.now()
	);
	jpegA = await sharp({ create: { width: 320, height: 240, channels: 3, background: '#2266aa' } })
		.jpeg()
		.toBuffer();
	jpegB = await sharp({ create: { width: 320, height: 240, channels: 3, background: '#aa6622' } })
		.jpeg()
		.toBuffer();
	server = http.createServer((req, res) => {
		if (req.url === '/frame.jpg') res.writeHead(200, { 'content-type': 'image/jpeg' }).end(jpegA);
		else res.writeHead(404).end();
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	frameHost = `127.0.0.1:${(server.address() as AddressInfo).port}`;
	await saveAlertSettings(t.db, { dedupMeters: 50, dedupMinutes: 1440, frameHosts: [frameHost] });
});
afterAll(async () => {
	const { getDb } = await import('$lib/server/db');
	await getDb().destroy();
	for (const [k, v] of Object.entries(saved)) {
		if (v === undefined) delete process.env[k];
		else process.env[k] = v;
	}
	server.closeAllConnections();
	await new Promise((resolve) => server.close(resolve));
	await t.cleanup();
});

let seq = 0;
/** A capture time in the recent past, distinct per call unless `minutesAgo` is given. */
const capturedAt = (minutesAgo = 60 + ++seq) => new Date(Date.now() - minutesAgo * 60_000).toISOString();
const north = (m: number) => LAT + m / 111_195;
const alertJson = (over: Record<string, unknown> = {}) => ({
	cameraId: 'CAM-A',
	capturedAt: capturedAt(),
	lng: LNG,
	lat: LAT,
	categoryCode: 'SH-JMZX-01',
	confidence: 0.87,
	externalId: `EXT-${seq}`,
	frames: [{ data: jpegA.toString('base64') }, { data: jpegB.toString('base64') }],
	...over
});

type Answer = { status: number; json: Record<string, unknown> };
async function send(
	body: BodyInit,
	contentType: string | null,
	authorization: string | null = `Bearer ${key}`,
	extra: Record<string, string> = {}
): Promise<Answer> {
	const headers = new Headers(extra);
	if (contentType) headers.set('content-type', contentType);
	if (authorization !== null) headers.set('authorization', authorization);
	const init: RequestInit & { duplex?: 'half' } = { method: 'POST', headers, body };
	if (body instanceof ReadableStream) init.duplex = 'half';
	const res = await POST({ request: new Request('http://localhost/api/v1/alerts', init) });
	return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}
const pushJson = (body: unknown, authorization?: string | null) =>
	send(typeof body === 'string' ? body : JSON.stringify(body), 'application/json', authorization);
function pushMultipart(alert: unknown, frames: (Buffer | string)[]): Promise<Answer> {
	const form = new FormData();
	if (alert !== undefined) form.set('alert', typeof alert === 'string' ? alert : JSON.stringify(alert));
	frames.forEach((f, i) =>
		form.append(
			'frames',
			typeof f === 'string' ? f : new File([new Uint8Array(f)], `f${i}.jpg`, { type: 'image/jpeg' })
		)
	);
	return send(form, null); // Request sets the multipart boundary
}

const count = async (table: 'alerts' | 'evidence_files') => countRows(t.db, table);
const snapshot = async () => ({
	alerts: await count('alerts'),
	evidence: await count('evidence_files'),
	files: listFiles(evidenceRoot)
});
/** Runs `act` and checks that the database and the evidence folder are exactly as before. */
async function writesNothing(act: () => Promise<Answer>): Promise<Answer> {
	const before = await snapshot();
	const r = await act();
	expect(await snapshot()).toEqual(before);
	return r;
}
const clearPending = () =>
	t.db.updateTable('alerts').set({ status: 'false_alarm' }).where('status', '=', 'pending').execute();
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

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
		const old = await createApiKey(t.db, '旧视频平台', t.users.get('admin')!, Date.now(), 'alerts');
		await revokeApiKey(t.db, old.id, Date.now());
		const r = await writesNothing(() => pushJson(alertJson(), `Bearer ${old.key}`));
		expect(r).toMatchObject({ status: 401, json: { error: { code: 'api_key_revoked' } } });
	});

	it('a 12345 (hotline) key → 403 wrong_integration', async () => {
		const r = await writesNothing(() => pushJson(alertJson(), `Bearer ${hotlineKey}`));
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
			send('{}', 'application/json', `Bearer ${key}`, { 'content-length': String(41 * 1024 * 1024) })
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

describe('POST /api/v1/alerts: alerts', () => {
	it('JSON with base64 frames → 201 created; alert attributed to the key, frames stored as sent', async () => {
		await clearPending();
		const before = await snapshot();
		const body = alertJson();
		const r = await pushJson(body);
		expect(r).toEqual({ status: 201, json: { status: 'created', alertId: expect.any(Number) } });
		const alertId = r.json.alertId as number;
		const row = await t.db.selectFrom('alerts').selectAll().where('id', '=', alertId).executeTakeFirstOrThrow();
		expect(row).toMatchObject({
			status: 'pending',
			camera_id: 'CAM-A',
			api_key_id: apiKeyId,
			external_id: body.externalId,
			captured_at: Date.parse(body.capturedAt)
		});
		const ev = await t.db.selectFrom('evidence_files').selectAll().where('alert_id', '=', alertId).execute();
		expect(ev.map((e) => e.sha256).sort()).toEqual([sha(jpegA), sha(jpegB)].sort());
		for (const e of ev) expect(sha(fs.readFileSync(path.join(evidenceRoot, e.path)))).toBe(e.sha256);
		const after = await snapshot();
		expect(after).toMatchObject({ alerts: before.alerts + 1, evidence: before.evidence + 2 });
		expect(after.files.length).toBe(before.files.length + 4);
	});

	it('the same alert again → 409 replayed with the first id, nothing written', async () => {
		await clearPending();
		const body = alertJson();
		const first = await pushJson(body);
		const r = await writesNothing(() => pushJson({ ...body, confidence: 0.5 }));
		expect(r).toEqual({
			status: 409,
			json: { error: { code: 'replayed', message: expect.any(String), alertId: first.json.alertId } }
		});
	});

	it('a second sighting 10 m away → 200 attached to the pending alert', async () => {
		await clearPending();
		const first = await pushJson(alertJson({ capturedAt: capturedAt(30) }));
		const r = await pushJson(alertJson({ capturedAt: capturedAt(20), lat: north(10) }));
		expect(r).toEqual({
			status: 200,
			json: { status: 'attached', alertId: expect.any(Number), attachedTo: { kind: 'alert', id: first.json.alertId } }
		});
	});

	it('URL frames from the allowed host → 201, with the source recorded', async () => {
		await clearPending();
		const url = `http://${frameHost}/frame.jpg`;
		const r = await pushJson(alertJson({ frames: [{ url }, { data: jpegB.toString('base64') }] }));
		expect(r.status).toBe(201);
		const sources = await t.db
			.selectFrom('evidence_files')
			.select('source')
			.where('alert_id', '=', r.json.alertId as number)
			.execute();
		expect(sources.map((s) => s.source).sort()).toEqual(['upload', `url:${url}`]);
	});

	it('a URL frame that is missing on the server → 422 fetch_failed, nothing written', async () => {
		const r = await writesNothing(() =>
			pushJson(alertJson({ frames: [{ url: `http://${frameHost}/gone.jpg` }, { data: jpegB.toString('base64') }] }))
		);
		expect(r).toMatchObject({ status: 422, json: { error: { fields: { 'frames[0]': 'fetch_failed' } } } });
	});
});

describe('POST /api/v1/alerts: multipart', () => {
	const withoutFrames = (over: Record<string, unknown> = {}) => {
		const a: Record<string, unknown> = alertJson(over);
		delete a.frames;
		return a;
	};

	it('the alert JSON in `alert` and the images in `frames` → 201, stored byte for byte', async () => {
		await clearPending();
		const r = await pushMultipart(withoutFrames(), [jpegA, jpegB, jpegA]);
		expect(r).toEqual({ status: 201, json: { status: 'created', alertId: expect.any(Number) } });
		const ev = await t.db
			.selectFrom('evidence_files')
			.select(['sha256', 'source', 'bytes'])
			.where('alert_id', '=', r.json.alertId as number)
			.execute();
		expect(ev).toHaveLength(3);
		expect(ev.every((e) => e.source === 'upload')).toBe(true);
		expect(ev.map((e) => e.sha256).sort()).toEqual([sha(jpegA), sha(jpegA), sha(jpegB)].sort());
	});

	it.each([
		['one file only', () => pushMultipart(withoutFrames(), [jpegA]), 422, { frames: 'too_few' }],
		[
			'frames both in the JSON and as files',
			() => pushMultipart(alertJson(), [jpegA, jpegB]),
			422,
			{ frames: 'unexpected' }
		],
		[
			'a file that is not an image',
			() => pushMultipart(withoutFrames(), [jpegA, Buffer.from('MZ executable')]),
			422,
			{ 'frames[1]': 'not_image' }
		],
		['no `alert` field', () => pushMultipart(undefined, [jpegA, jpegB]), 400, { alert: 'required' }],
		['`alert` that is not JSON', () => pushMultipart('{oops', [jpegA, jpegB]), 400, { alert: 'invalid_json' }],
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
