import { describe, expect, it } from 'vitest';
import { saveAlertSettings } from '../../repositories/alerts';
import { LAT, LNG, MIN, T0, alert, clearPending, host, ingest, nextSeq, north, t } from './ingest.fixtures';

describe('ingestAlert: duplicates are attached', () => {
	const insertGridCase = async (status: string, lat: number, at: number) => {
		const row = await t.db
			.insertInto('cases')
			.values({
				code: `W-T-${nextSeq()}`,
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
				code: `E-T-${nextSeq()}`,
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
