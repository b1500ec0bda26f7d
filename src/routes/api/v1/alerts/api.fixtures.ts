// Shared set-up of the alerts API tests (api.accepted.test.ts, api.refused.test.ts): the handler on a test database
// of its own, an alerts key and a 12345 key, a camera, two JPEG frames and a frame server on an ephemeral port.
import { createHash } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, expect, vi } from 'vitest';
import { locatePoint, type LngLat } from '$lib/domain/geo';
import { createApiKey } from '$lib/server/auth/api-keys';
import { saveAlertSettings } from '$lib/server/repositories/alerts';
import { insertCamera } from '$lib/server/repositories/cameras';
import { loadGeography } from '$lib/server/repositories/reference';
import { createTestDb, listFiles, type TestDb, countRows } from '$lib/server/test-db';

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

export const LNG = 121.3912;
export const LAT = 31.1523;

/**
 * Registers the file's hooks: the handler on a fresh test database (DATABASE_PATH and EVIDENCE_DIR point into its
 * folder before the module is loaded, since the handler opens the database through getDb()), restored after. The
 * handle's fields are ready inside the tests.
 */
export function useAlertsApi() {
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
	return {
		get db() {
			return t.db;
		},
		/** Demo user ids by username. */
		get users() {
			return t.users;
		},
		/** The alerts key the requests carry, and its id. */
		get key() {
			return key;
		},
		get apiKeyId() {
			return apiKeyId;
		},
		/** A 12345 (hotline) key: valid, but for another integration. */
		get hotlineKey() {
			return hotlineKey;
		},
		get evidenceRoot() {
			return evidenceRoot;
		},
		/** host:port of the frame server, the one allowed frame host. */
		get frameHost() {
			return frameHost;
		},
		get jpegA() {
			return jpegA;
		},
		get jpegB() {
			return jpegB;
		}
	};
}

let seq = 0;
/** A capture time in the recent past, distinct per call unless `minutesAgo` is given. */
export const capturedAt = (minutesAgo = 60 + ++seq) => new Date(Date.now() - minutesAgo * 60_000).toISOString();
export const north = (m: number) => LAT + m / 111_195;
export const alertJson = (over: Record<string, unknown> = {}) => ({
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

export type Answer = { status: number; json: Record<string, unknown> };
export async function send(
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
export const pushJson = (body: unknown, authorization?: string | null) =>
	send(typeof body === 'string' ? body : JSON.stringify(body), 'application/json', authorization);
export function pushMultipart(alert: unknown, frames: (Buffer | string)[]): Promise<Answer> {
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
export const snapshot = async () => ({
	alerts: await count('alerts'),
	evidence: await count('evidence_files'),
	files: listFiles(evidenceRoot)
});
/** Runs `act` and checks that the database and the evidence folder are exactly as before. */
export async function writesNothing(act: () => Promise<Answer>): Promise<Answer> {
	const before = await snapshot();
	const r = await act();
	expect(await snapshot()).toEqual(before);
	return r;
}
export const clearPending = () =>
	t.db.updateTable('alerts').set({ status: 'false_alarm' }).where('status', '=', 'pending').execute();
export const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
/** The alert without its frames (they come as files in a multipart request). */
export const withoutFrames = (over: Record<string, unknown> = {}) => {
	const a: Record<string, unknown> = alertJson(over);
	delete a.frames;
	return a;
};
