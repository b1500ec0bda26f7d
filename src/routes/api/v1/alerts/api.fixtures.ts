// Shared set-up of the alerts API tests (api.accepted.test.ts, api.refused.test.ts): the handler on a test database
// of its own, an alerts key and a 12345 key, a camera, two JPEG frames and a frame server on an ephemeral port.
import { createHash } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, expect } from 'vitest';
import { locatePoint, type LngLat } from '$lib/domain/geo';
import { createApiKey } from '$lib/server/auth/api-keys';
import { saveAlertSettings } from '$lib/server/repositories/alerts';
import { insertCamera } from '$lib/server/repositories/cameras';
import { loadGeography } from '$lib/server/repositories/reference';
import { apiUnderTest, withFields, type ApiUnderTest } from '$lib/server/route-test';
import { listFiles, countRows, dismissPendingAlerts } from '$lib/server/test-db';

let base: ApiUnderTest | undefined;
let hotlineKey: string;
let server: http.Server;
let frameHost: string;
let jpegA: Buffer;
let jpegB: Buffer;
const api = () => base!;

/** The alerts endpoint under test, with what these tests add to it. */
export interface AlertsApi extends ApiUnderTest {
	/** A 12345 (hotline) key: valid, but for another integration. */
	readonly hotlineKey: string;
	/** Where the endpoint stores evidence (EVIDENCE_DIR of the test database). */
	readonly evidenceRoot: string;
	/** host:port of the frame server, the one allowed frame host. */
	readonly frameHost: string;
	readonly jpegA: Buffer;
	readonly jpegB: Buffer;
}

export const LNG = 121.3912;
export const LAT = 31.1523;

/**
 * Registers the file's hooks: the handler on a test database of its own with an alerts key (apiUnderTest), then a
 * 12345 key, the camera CAM-A at (LNG, LAT), two JPEG frames and a frame server allowed as frame host.
 */
export function useAlertsApi(): AlertsApi {
	base = apiUnderTest(() => import('./+server'), '视频平台', 'alerts');
	beforeAll(async () => {
		hotlineKey = (await createApiKey(api().db, '市12345平台', api().users.get('admin')!, Date.now())).key;
		const geo = await loadGeography(api().db, new Date().toISOString().slice(0, 10));
		const place = locatePoint([LNG, LAT] as LngLat, geo.boundary, geo.areas, geo.communities);
		if (!place.ok) throw new Error('test point outside the subdistrict');
		await insertCamera(
			api().db,
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
		await saveAlertSettings(api().db, { dedupMeters: 50, dedupMinutes: 1440, frameHosts: [frameHost] });
	});
	afterAll(async () => {
		server.closeAllConnections();
		await new Promise((resolve) => server.close(resolve));
	});
	return withFields(base, {
		hotlineKey: () => hotlineKey,
		evidenceRoot: () => path.join(api().dir, 'evidence'),
		frameHost: () => frameHost,
		jpegA: () => jpegA,
		jpegB: () => jpegB
	});
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
	authorization: string | null = `Bearer ${api().key}`,
	extra: Record<string, string> = {}
): Promise<Answer> {
	const headers = new Headers(extra);
	if (contentType) headers.set('content-type', contentType);
	if (authorization !== null) headers.set('authorization', authorization);
	const init: RequestInit & { duplex?: 'half' } = { method: 'POST', headers, body };
	if (body instanceof ReadableStream) init.duplex = 'half';
	const res = await api().post(new Request('http://localhost/api/v1/alerts', init));
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

const count = async (table: 'alerts' | 'evidence_files') => countRows(api().db, table);
export const snapshot = async () => ({
	alerts: await count('alerts'),
	evidence: await count('evidence_files'),
	files: listFiles(path.join(api().dir, 'evidence'))
});
/** Runs `act` and checks that the database and the evidence folder are exactly as before. */
export async function writesNothing(act: () => Promise<Answer>): Promise<Answer> {
	const before = await snapshot();
	const r = await act();
	expect(await snapshot()).toEqual(before);
	return r;
}
export const clearPending = () => dismissPendingAlerts(api().db);
export const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
/** The alert without its frames (they come as files in a multipart request). */
export const withoutFrames = (over: Record<string, unknown> = {}) => {
	const a: Record<string, unknown> = alertJson(over);
	delete a.frames;
	return a;
};
