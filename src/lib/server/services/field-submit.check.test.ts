import { describe, expect, it } from 'vitest';
import { getCaseRow } from '../repositories/cases';
import { actorOf, gridWorkerDb } from '../test-db';
import { submitFieldWork, type FieldEnvelope } from './field-submit';
import { CAPTURED, NOW, fieldWorkOn } from './field-submit.fixtures';

const t = gridWorkerDb();
const { caseAwaitingCheck } = fieldWorkOn(t);
const UPLOADED = NOW + 3600_000;
const AT_THE_SPOT = { lng: 121.37792, lat: 31.15505 };

/** A 核查 kept on the phone, sent by 李网格 (same 居民区) an hour after the case came back for 核查. */
async function sendCheck(envelope: Omit<FieldEnvelope, 'key'>, username = 'wangge2') {
	const caseId = await caseAwaitingCheck();
	const version = (await getCaseRow(t.db, caseId))!.version;
	const sent = await submitFieldWork(
		t.db,
		await actorOf(t.db, username),
		{ key: crypto.randomUUID(), ...envelope },
		{ kind: 'check_pass', caseId, version, note: '已复原', photos: [t.photo] },
		UPLOADED
	);
	const event = await t.db
		.selectFrom('case_events')
		.select(['id', 'at', 'payload'])
		.where('case_id', '=', caseId)
		.where('action', '=', 'check_pass')
		.executeTakeFirst();
	const photo = event
		? await t.db
				.selectFrom('attachments')
				.select(['captured_at', 'lng', 'lat'])
				.where('event_id', '=', event.id)
				.executeTakeFirstOrThrow()
		: undefined;
	return { sent, event, payload: event ? (JSON.parse(event.payload ?? '{}') as Record<string, unknown>) : {}, photo };
}

describe('a 核查 sent later from the phone', () => {
	it('keeps the capture time and the GPS point with its event and photos; the event is stamped when received', async () => {
		const { sent, event, payload, photo } = await sendCheck({ capturedAt: CAPTURED, point: AT_THE_SPOT });
		expect(sent).toMatchObject({ ok: true, duplicate: false });
		expect(event!.at).toBe(UPLOADED);
		expect(payload).toMatchObject({ capturedAt: CAPTURED, ...AT_THE_SPOT });
		expect(photo).toEqual({ captured_at: CAPTURED, ...AT_THE_SPOT });
	});

	it('without a point keeps the capture time alone', async () => {
		const { sent, payload, photo } = await sendCheck({ capturedAt: CAPTURED, point: null });
		expect(sent.ok).toBe(true);
		expect(payload.capturedAt).toBe(CAPTURED);
		expect(payload).not.toHaveProperty('lng');
		expect(photo).toEqual({ captured_at: CAPTURED, lng: null, lat: null });
	});

	it('drops a point outside the subdistrict (or not a point at all), and still applies the 核查', async () => {
		for (const point of [
			{ lng: 121.0, lat: 31.0 },
			{ lng: 500, lat: 31.15505 }
		]) {
			const { sent, payload, photo } = await sendCheck({ capturedAt: CAPTURED, point });
			expect(sent.ok).toBe(true);
			expect(payload).toEqual(expect.objectContaining({ capturedAt: CAPTURED }));
			expect(payload).not.toHaveProperty('lng');
			expect(photo).toMatchObject({ lng: null, lat: null });
		}
	});

	it('by a worker whose 居民区 is no longer the case’s is refused as out of area, and writes nothing', async () => {
		const { sent, event } = await sendCheck({ capturedAt: CAPTURED, point: AT_THE_SPOT }, 'wangge3');
		expect(sent).toEqual({ ok: false, status: 403, code: 'out_of_area' });
		expect(event).toBeUndefined();
	});

	it('by someone whose role does not check stays the plain refusal', async () => {
		const { sent } = await sendCheck({ capturedAt: CAPTURED, point: null }, 'chengguan');
		expect(sent).toMatchObject({ ok: false, status: 403, code: 'forbidden' });
	});
});
