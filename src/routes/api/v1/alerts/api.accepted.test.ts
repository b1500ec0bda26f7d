import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
	capturedAt,
	north,
	alertJson,
	pushJson,
	pushMultipart,
	writesNothing,
	clearPending,
	sha,
	withoutFrames,
	snapshot,
	useAlertsApi
} from './api.fixtures';

// POST /api/v1/alerts, what it takes in: new alerts, replays, second sightings, URL frames and multipart uploads.
// What it refuses, writing nothing: api.refused.test.ts; shared set-up: api.fixtures.ts.

const api = useAlertsApi();

describe('POST /api/v1/alerts: alerts', () => {
	it('JSON with base64 frames → 201 created; alert attributed to the key, frames stored as sent', async () => {
		await clearPending();
		const before = await snapshot();
		const body = alertJson();
		const r = await pushJson(body);
		expect(r).toEqual({ status: 201, json: { status: 'created', alertId: expect.any(Number) } });
		const alertId = r.json.alertId as number;
		const row = await api.db.selectFrom('alerts').selectAll().where('id', '=', alertId).executeTakeFirstOrThrow();
		expect(row).toMatchObject({
			status: 'pending',
			camera_id: 'CAM-A',
			api_key_id: api.apiKeyId,
			external_id: body.externalId,
			captured_at: Date.parse(body.capturedAt)
		});
		const ev = await api.db.selectFrom('evidence_files').selectAll().where('alert_id', '=', alertId).execute();
		expect(ev.map((e) => e.sha256).sort()).toEqual([sha(api.jpegA), sha(api.jpegB)].sort());
		for (const e of ev) expect(sha(fs.readFileSync(path.join(api.evidenceRoot, e.path)))).toBe(e.sha256);
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
		const url = `http://${api.frameHost}/frame.jpg`;
		const r = await pushJson(alertJson({ frames: [{ url }, { data: api.jpegB.toString('base64') }] }));
		expect(r.status).toBe(201);
		const sources = await api.db
			.selectFrom('evidence_files')
			.select('source')
			.where('alert_id', '=', r.json.alertId as number)
			.execute();
		expect(sources.map((s) => s.source).sort()).toEqual(['upload', `url:${url}`]);
	});

	it('a URL frame that is missing on the server → 422 fetch_failed, nothing written', async () => {
		const r = await writesNothing(() =>
			pushJson(
				alertJson({ frames: [{ url: `http://${api.frameHost}/gone.jpg` }, { data: api.jpegB.toString('base64') }] })
			)
		);
		expect(r).toMatchObject({ status: 422, json: { error: { fields: { 'frames[0]': 'fetch_failed' } } } });
	});
});

describe('POST /api/v1/alerts: multipart', () => {
	it('the alert JSON in `alert` and the images in `frames` → 201, stored byte for byte', async () => {
		await clearPending();
		const r = await pushMultipart(withoutFrames(), [api.jpegA, api.jpegB, api.jpegA]);
		expect(r).toEqual({ status: 201, json: { status: 'created', alertId: expect.any(Number) } });
		const ev = await api.db
			.selectFrom('evidence_files')
			.select(['sha256', 'source', 'bytes'])
			.where('alert_id', '=', r.json.alertId as number)
			.execute();
		expect(ev).toHaveLength(3);
		expect(ev.every((e) => e.source === 'upload')).toBe(true);
		expect(ev.map((e) => e.sha256).sort()).toEqual([sha(api.jpegA), sha(api.jpegA), sha(api.jpegB)].sort());
	});
});
