// The shared set-up of the alert-intake tests: a test database, an evidence folder and a local
// frame server per test file, and alerts built from one template.
import { createHash } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll } from 'vitest';
import { locatePoint, type LngLat } from '$lib/domain/geo';
import { insertCamera, setCameraActive } from '../../repositories/cameras';
import { saveAlertSettings } from '../../repositories/alerts';
import { loadGeography } from '../../repositories/reference';
import { createTestDb, listFiles, type TestDb, countRows } from '../../test-db';
import { refuseInserts } from '../../test-dialect.fixtures';
import { ingestAlert, type IngestAlertInput } from './ingest';

export let t: TestDb;
export let root: string;
export let server: http.Server;
export let base: string;
export let host: string;
export let frameA: Buffer;
export let frameB: Buffer;

export const NOW = Date.parse('2026-11-27T08:00:00Z');
export const T0 = Date.parse('2026-11-27T07:00:00Z');
export const MIN = 60_000;
export const LNG = 121.3912;
export const LAT = 31.1523;
export const north = (m: number) => LAT + m / 111_195;

beforeAll(async () => {
	t = await createTestDb();
	root = path.join(t.dir, 'evidence');
	frameA = await sharp({ create: { width: 640, height: 360, channels: 3, background: '#336699' } })
		.jpeg({ quality: 85 })
		.toBuffer();
	frameB = await sharp({ create: { width: 640, height: 360, channels: 3, background: '#993366' } })
		.png()
		.toBuffer();
	const geo = await loadGeography(t.db, '2026-11-27');
	for (const [id, active] of [
		['CAM-1', true],
		['CAM-2', true],
		['CAM-FAIL', true],
		['CAM-OFF', false]
	] as const) {
		const place = locatePoint([LNG, LAT] as LngLat, geo.boundary, geo.areas, geo.communities);
		if (!place.ok) throw new Error('test point is outside the subdistrict');
		await insertCamera(
			t.db,
			id,
			{ name: `探头 ${id}`, lng: LNG, lat: LAT, areaId: place.areaId, communityId: place.communityId },
			T0
		);
		if (!active) await setCameraActive(t.db, id, false, T0);
	}
	// A database failure after the files are written: evidence rows of CAM-FAIL are refused.
	await refuseInserts(t.db, 'test_fail_evidence', 'evidence_files', 'camera_id', 'CAM-FAIL');

	server = http.createServer((req, res) => {
		if (req.url === '/a.jpg') res.writeHead(200, { 'content-type': 'image/jpeg' }).end(frameA);
		else if (req.url === '/big.jpg') {
			res.writeHead(200, { 'content-type': 'image/jpeg' });
			const chunk = Buffer.alloc(1024 * 1024, 0xff);
			for (let i = 0; i < 11; i++) res.write(chunk);
			res.end();
		} else if (req.url === '/text') res.writeHead(200, { 'content-type': 'text/plain' }).end('hello');
		else if (req.url === '/redirect') res.writeHead(302, { location: '/a.jpg' }).end();
		else if (req.url === '/slow') setTimeout(() => res.writeHead(200).end(frameA), 7000).unref();
		else res.writeHead(404).end();
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
	base = `http://${host}`;
	await saveAlertSettings(t.db, { dedupMeters: 50, dedupMinutes: 1440, frameHosts: [host] });
});
afterAll(async () => {
	server.closeAllConnections();
	await new Promise((resolve) => server.close(resolve));
	await t.cleanup();
});

export const b64 = (b: Buffer) => ({ kind: 'data' as const, base64: b.toString('base64') });
export const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
let seq = 0;
/** A number no other row of this test file has used (codes, capture times). */
export const nextSeq = () => ++seq;
/** Each call gets its own capture time (so no accidental replay) unless given one. */
export const alert = (over: Partial<IngestAlertInput> = {}): IngestAlertInput => ({
	cameraId: 'CAM-1',
	capturedAt: T0 + ++seq * 1000,
	lng: LNG,
	lat: LAT,
	categoryCode: 'SH-JMZX-01',
	confidence: 0.9,
	externalId: null,
	frames: [b64(frameA), b64(frameB)],
	...over
});
export const ingest = (a: IngestAlertInput) => ingestAlert(t.db, a, { apiKeyId: null, now: NOW, evidenceRoot: root });
export const count = async (table: 'alerts' | 'evidence_files') => countRows(t.db, table);
export const snapshot = async () => ({
	alerts: await count('alerts'),
	evidence: await count('evidence_files'),
	files: listFiles(root)
});
/** Closes every pending alert so the next test starts without dedup targets. */
export const clearPending = () =>
	t.db.updateTable('alerts').set({ status: 'false_alarm' }).where('status', '=', 'pending').execute();
