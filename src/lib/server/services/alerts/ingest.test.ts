import { createHash } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { sql } from 'kysely';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { locatePoint, type LngLat } from '$lib/domain/geo';
import { verifyEvidence } from '../../evidence';
import { insertCamera, setCameraActive } from '../../repositories/cameras';
import { saveAlertSettings } from '../../repositories/alerts';
import { loadGeography } from '../../repositories/reference';
import { createTestDb, listFiles, type TestDb } from '../../test-db';
import { ingestAlert, type IngestAlertInput } from './ingest';

let t: TestDb;
let root: string;
let server: http.Server;
let base: string;
let host: string;
let frameA: Buffer;
let frameB: Buffer;

const NOW = Date.parse('2026-11-27T08:00:00Z');
const T0 = Date.parse('2026-11-27T07:00:00Z');
const MIN = 60_000;
const LNG = 121.3912;
const LAT = 31.1523;
const north = (m: number) => LAT + m / 111_195;

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
	await sql`CREATE TRIGGER test_fail_evidence BEFORE INSERT ON evidence_files WHEN NEW.camera_id = 'CAM-FAIL' BEGIN SELECT RAISE(ABORT, 'test failure'); END`.execute(
		t.db
	);

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

const b64 = (b: Buffer) => ({ kind: 'data' as const, base64: b.toString('base64') });
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
let seq = 0;
/** Each call gets its own capture time (so no accidental replay) unless given one. */
const alert = (over: Partial<IngestAlertInput> = {}): IngestAlertInput => ({
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
const ingest = (a: IngestAlertInput) => ingestAlert(t.db, a, { apiKeyId: null, now: NOW, evidenceRoot: root });
const count = async (table: 'alerts' | 'evidence_files') =>
	Number(
		(
			await t.db
				.selectFrom(table)
				.select(({ fn }) => fn.countAll<number>().as('n'))
				.executeTakeFirstOrThrow()
		).n
	);
const snapshot = async () => ({
	alerts: await count('alerts'),
	evidence: await count('evidence_files'),
	files: listFiles(root)
});
/** Closes every pending alert so the next test starts without dedup targets. */
const clearPending = () =>
	t.db.updateTable('alerts').set({ status: 'false_alarm' }).where('status', '=', 'pending').execute();

describe('ingestAlert: a new alert', () => {
	it('is stored pending, with its place, and each frame byte for byte with its hash', async () => {
		await clearPending();
		const a = alert({ externalId: 'EXT-1' });
		const r = await ingest(a);
		expect(r).toEqual({ status: 'created', alertId: expect.any(Number) });
		if (r.status !== 'created') return;
		const row = await t.db.selectFrom('alerts').selectAll().where('id', '=', r.alertId).executeTakeFirstOrThrow();
		expect(row).toMatchObject({
			status: 'pending',
			camera_id: 'CAM-1',
			captured_at: a.capturedAt,
			category_code: 'SH-JMZX-01',
			confidence: 0.9,
			external_id: 'EXT-1',
			received_at: NOW,
			case_id: null,
			enforcement_id: null,
			parent_alert_id: null
		});
		expect(row.area_id).toBeGreaterThan(0);
		expect(row.community_id).toBeGreaterThan(0);
		const ev = await t.db
			.selectFrom('evidence_files')
			.selectAll()
			.where('alert_id', '=', r.alertId)
			.orderBy('created_at')
			.execute();
		expect(ev).toHaveLength(2);
		const byHash = new Map(ev.map((e) => [e.sha256, e]));
		for (const [bytes, mime] of [
			[frameA, 'image/jpeg'],
			[frameB, 'image/png']
		] as const) {
			const e = byHash.get(sha(bytes))!;
			expect(e).toMatchObject({
				kind: 'frame',
				mime,
				bytes: bytes.length,
				width: 640,
				height: 360,
				source: 'upload',
				camera_id: 'CAM-1',
				captured_at: a.capturedAt,
				enforcement_id: null
			});
			expect(fs.readFileSync(path.join(root, e.path)).equals(bytes)).toBe(true);
			expect(await verifyEvidence(root, e)).toBe('ok');
		}
	});

	it('fetches URL frames from an allowed host and records where they came from', async () => {
		await clearPending();
		const r = await ingest(alert({ frames: [{ kind: 'url', url: `${base}/a.jpg` }, b64(frameB)] }));
		expect(r.status).toBe('created');
		const ev = await t.db
			.selectFrom('evidence_files')
			.select(['source', 'sha256'])
			.where('alert_id', '=', (r as { alertId: number }).alertId)
			.execute();
		expect(ev).toContainEqual({ source: `url:${base}/a.jpg`, sha256: sha(frameA) });
	});
});

describe('ingestAlert: refusals write nothing', () => {
	// Frames are made in beforeAll, so the table holds functions.
	it.each([
		['an unknown camera', () => ({ cameraId: 'CAM-404' }), { cameraId: 'unknown_camera' }],
		['a switched-off camera', () => ({ cameraId: 'CAM-OFF' }), { cameraId: 'inactive_camera' }],
		['an unknown category', () => ({ categoryCode: 'SH-NOPE-01' }), { categoryCode: 'unknown_category' }],
		['a point outside the subdistrict', () => ({ lng: 121.5, lat: 31.23 }), { point: 'outside_subdistrict' }],
		[
			'a frame that is not an image',
			() => ({ frames: [b64(frameA), b64(Buffer.from('not an image'))] }),
			{ 'frames[1]': 'not_image' }
		],
		[
			'a GIF frame',
			() => ({ frames: [b64(Buffer.from('GIF89a\x01\x00\x01\x00')), b64(frameA)] }),
			{ 'frames[0]': 'unsupported_type' }
		]
	] as [string, () => Partial<IngestAlertInput>, Record<string, string>][])(
		'%s → 422 with the field',
		async (_label, over, fields) => {
			const before = await snapshot();
			expect(await ingest(alert(over()))).toEqual({
				status: 'rejected',
				httpStatus: 422,
				code: 'invalid_alert',
				message: expect.any(String),
				fields
			});
			expect(await snapshot()).toEqual(before);
		}
	);

	it.each([
		['a host not on the allow-list', 'http://198.51.100.7/a.jpg', 'host_not_allowed'],
		['the right host on another port', 'http://127.0.0.1:1/a.jpg', 'host_not_allowed'],
		['a 404', '/missing.jpg', 'fetch_failed'],
		['a redirect (could leave the allow-list)', '/redirect', 'fetch_failed'],
		['more than 10 MB', '/big.jpg', 'too_large'],
		['not an image', '/text', 'not_image']
	])('a URL frame from %s → 422 %s, and the other frames are not kept', async (_label, url, code) => {
		const before = await snapshot();
		const r = await ingest(
			alert({ frames: [b64(frameA), { kind: 'url', url: url.startsWith('/') ? `${base}${url}` : url }] })
		);
		expect(r).toMatchObject({ status: 'rejected', httpStatus: 422, fields: { 'frames[1]': code } });
		expect(await snapshot()).toEqual(before);
	});

	it('a frame server that does not answer within 5 s → fetch_timeout', async () => {
		const before = await snapshot();
		const r = await ingest(alert({ frames: [b64(frameA), { kind: 'url', url: `${base}/slow` }] }));
		expect(r).toMatchObject({ status: 'rejected', fields: { 'frames[1]': 'fetch_timeout' } });
		expect(await snapshot()).toEqual(before);
	}, 15_000);

	it('a replay (same camera, capture time, category) → 409 with the first alert id', async () => {
		const a = alert();
		const first = await ingest(a);
		const before = await snapshot();
		expect(await ingest({ ...a, confidence: 0.5, frames: [b64(frameB), b64(frameA)] })).toEqual({
			status: 'rejected',
			httpStatus: 409,
			code: 'replayed',
			message: expect.any(String),
			alertId: (first as { alertId: number }).alertId
		});
		expect(await snapshot()).toEqual(before);
	});

	it('two identical pushes at once → one alert; the other is a replay and leaves no files', async () => {
		await clearPending();
		const before = await snapshot();
		const a = alert();
		const results = await Promise.all([ingest(a), ingest(a)]);
		const statuses = results.map((r) => r.status).sort();
		expect(statuses).toEqual(['created', 'rejected']);
		const created = results.find((r) => r.status === 'created') as { alertId: number };
		expect(results.find((r) => r.status === 'rejected')).toMatchObject({ code: 'replayed', alertId: created.alertId });
		const after = await snapshot();
		expect(after.alerts).toBe(before.alerts + 1);
		expect(after.evidence).toBe(before.evidence + 2);
		expect(after.files.length).toBe(before.files.length + 4); // 2 frames + 2 thumbnails
	});

	it('a database failure after the files are written → the files are removed again', async () => {
		const before = await snapshot();
		await expect(ingest(alert({ cameraId: 'CAM-FAIL' }))).rejects.toThrow(/test failure/);
		expect(await snapshot()).toEqual(before);
	});
});

describe('ingestAlert: duplicates are attached', () => {
	const insertGridCase = async (status: string, lat: number, at: number) => {
		const row = await t.db
			.insertInto('cases')
			.values({
				code: `W-T-${++seq}`,
				track: 'grid',
				source: 'patrol',
				status,
				category_code: 'SH-JMZX-01',
				urgency: '一般',
				description: '流动摊贩',
				address: '古美路',
				lng: LNG,
				lat,
				area_id: 1,
				community_id: 1,
				reporter_id: t.users.get('admin')!,
				self_handled: 0,
				supervised: 0,
				rework_count: 0,
				reported_at: at,
				stage_started_at: at,
				version: 1,
				updated_at: at
			})
			.returning(['id', 'code'])
			.executeTakeFirstOrThrow();
		return row;
	};
	const insertEnforcement = async (status: string, lat: number, at: number) =>
		t.db
			.insertInto('enforcement_cases')
			.values({
				code: `E-T-${++seq}`,
				status,
				category_code: 'SH-JMZX-01',
				description: '占道经营',
				address: '古美路',
				lng: LNG,
				lat,
				area_id: 1,
				community_id: 1,
				created_by: t.users.get('admin')!,
				created_at: at,
				stage_started_at: at,
				updated_at: at
			})
			.returning(['id', 'code'])
			.executeTakeFirstOrThrow();
	const closeAll = async () => {
		await clearPending();
		await t.db.updateTable('cases').set({ status: 'closed' }).execute();
		await t.db.updateTable('enforcement_cases').set({ status: 'closed' }).execute();
	};

	it('a second sighting 10 m away 30 min later → attached to the pending alert; its frames are kept', async () => {
		await closeAll();
		const first = (await ingest(alert({ capturedAt: T0 - 60 * MIN }))) as { alertId: number };
		const r = await ingest(alert({ cameraId: 'CAM-2', capturedAt: T0 - 30 * MIN, lat: north(10) }));
		expect(r).toEqual({
			status: 'attached',
			alertId: expect.any(Number),
			attachedTo: { kind: 'alert', id: first.alertId }
		});
		const row = await t.db
			.selectFrom('alerts')
			.selectAll()
			.where('id', '=', (r as { alertId: number }).alertId)
			.executeTakeFirstOrThrow();
		expect(row).toMatchObject({
			status: 'attached',
			parent_alert_id: first.alertId,
			case_id: null,
			enforcement_id: null
		});
		expect(await t.db.selectFrom('evidence_files').select('id').where('alert_id', '=', row.id).execute()).toHaveLength(
			2
		);
	});

	it('another category, 60 m away, or 25 h later → a new alert', async () => {
		await closeAll();
		await ingest(alert({ capturedAt: T0 - 60 * MIN }));
		expect((await ingest(alert({ categoryCode: 'SH-JMZX-02', capturedAt: T0 - 59 * MIN }))).status).toBe('created');
		expect((await ingest(alert({ lat: north(60), capturedAt: T0 - 58 * MIN }))).status).toBe('created');
		expect((await ingest(alert({ capturedAt: T0 - 60 * MIN - 25 * 60 * MIN }))).status).toBe('created');
	});

	it('an open grid case nearby → attached to the case, with its code', async () => {
		await closeAll();
		const gridCase = await insertGridCase('dispatched', north(20), T0 - 120 * MIN);
		const r = await ingest(alert({ lat: north(5) }));
		expect(r).toEqual({
			status: 'attached',
			alertId: expect.any(Number),
			attachedTo: { kind: 'case', id: gridCase.id, code: gridCase.code }
		});
		expect(
			await t.db
				.selectFrom('alerts')
				.select(['case_id', 'status'])
				.where('id', '=', (r as { alertId: number }).alertId)
				.executeTakeFirst()
		).toEqual({ case_id: gridCase.id, status: 'attached' });
	});

	it('closed or void grid cases and closed/cancelled enforcement cases are not targets', async () => {
		await closeAll();
		await insertGridCase('void', LAT, T0);
		await insertEnforcement('cancelled', LAT, T0);
		expect((await ingest(alert())).status).toBe('created');
	});

	it('an open enforcement case nearest → attached; the frames carry the enforcement id', async () => {
		await closeAll();
		await insertGridCase('dispatched', north(30), T0);
		const enf = await insertEnforcement('rectifying', north(8), T0 - 10 * MIN);
		const r = (await ingest(alert({ lat: north(2) }))) as { status: string; alertId: number };
		expect(r).toEqual({
			status: 'attached',
			alertId: expect.any(Number),
			attachedTo: { kind: 'enforcement', id: enf.id, code: enf.code }
		});
		const ev = await t.db
			.selectFrom('evidence_files')
			.select(['alert_id', 'enforcement_id'])
			.where('alert_id', '=', r.alertId)
			.execute();
		expect(ev).toEqual([
			{ alert_id: r.alertId, enforcement_id: enf.id },
			{ alert_id: r.alertId, enforcement_id: enf.id }
		]);
	});

	it('the distance and time come from the settings', async () => {
		await closeAll();
		await saveAlertSettings(t.db, { dedupMeters: 200, dedupMinutes: 10, frameHosts: [host] });
		try {
			const first = (await ingest(alert({ capturedAt: T0 - 100 * MIN }))) as { alertId: number };
			expect(await ingest(alert({ lat: north(150), capturedAt: T0 - 95 * MIN }))).toMatchObject({
				status: 'attached',
				attachedTo: { id: first.alertId }
			});
			expect((await ingest(alert({ capturedAt: T0 - 80 * MIN }))).status).toBe('created');
		} finally {
			await saveAlertSettings(t.db, { dedupMeters: 50, dedupMinutes: 1440, frameHosts: [host] });
		}
	});
});

describe('alert settings as stored', () => {
	it('are plain text an admin (or settings.ts getSetting) can read', async () => {
		const rows = await t.db
			.selectFrom('settings')
			.select(['key', 'value'])
			.where('key', 'like', 'alerts.%')
			.orderBy('key')
			.execute();
		expect(rows).toEqual([
			{ key: 'alerts.dedup_meters', value: '50' },
			{ key: 'alerts.dedup_minutes', value: '1440' },
			{ key: 'alerts.frame_hosts', value: host }
		]);
	});
});
