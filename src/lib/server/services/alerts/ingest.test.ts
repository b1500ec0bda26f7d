import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { verifyEvidence } from '../../evidence';
import { type IngestAlertInput } from './ingest';
import { NOW, alert, b64, base, clearPending, frameA, frameB, ingest, root, sha, snapshot, t } from './ingest.fixtures';

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
