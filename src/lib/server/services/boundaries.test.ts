import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, shanghaiDate, shanghaiMidnight } from '$lib/domain/working-days';
import { wgs84ToGcj02 } from '$lib/domain/gcj02';
import type { LngLat } from '$lib/domain/geo';
import { seedDemoCases } from '../../../../seeds/demo-cases';
import { seedDemoHotline } from '../../../../seeds/demo-hotline';
import geo from '$lib/reference-data/gumei-geo.json' with { type: 'json' };
import { listAudit } from '../repositories/audit';
import { loadGeography } from '../repositories/reference';
import { createTestDb, type TestDb } from '../test-db';
import { previewBoundary } from './boundaries';
import { publishBoundary } from './boundaries-publish';
import { rebuildCounts } from './stats/rebuild';
import { checkRowsAgainstLogs } from './stats/replay-check';

let t: TestDb;
let adminId: number;
const now = Date.now();
const today = shanghaiDate(now);
beforeAll(async () => {
	t = await createTestDb();
	adminId = t.users.get('admin')!;
	await seedDemoCases(t.db, t.users, now, 40);
	await seedDemoHotline(t.db, now, 40);
	await rebuildCounts(t.db, { write: true });
}, 60_000);
afterAll(() => t.cleanup());

type Feature = { properties: { kind: string; name: string }; geometry: { coordinates: unknown } };
const areas = (geo.features as unknown as Feature[]).filter((f) => f.properties.kind === 'area');
const polygonOf = (name: string) => areas.find((f) => f.properties.name === name)!.geometry.coordinates as LngLat[][];
const upload = (features: [string, LngLat[][][]][]) =>
	JSON.stringify({
		type: 'FeatureCollection',
		features: features.map(([name, polygons]) => ({
			type: 'Feature',
			properties: { name },
			geometry: { type: 'MultiPolygon', coordinates: polygons }
		}))
	});
/** 中片区 and 东片区 drawn as one 东片区. */
const MERGED = upload([
	['西片区', [polygonOf('西片区')]],
	['东片区', [polygonOf('中片区'), polygonOf('东片区')]]
]);
const areaId = async (name: string) =>
	(await t.db.selectFrom('areas').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id;
const versions = async () =>
	(await t.db.selectFrom('boundary_versions').select('effective_from').orderBy('effective_from').execute()).map(
		(v) => v.effective_from
	);

describe('boundary versions', () => {
	it('refuses a file in GCJ-02, a date in the future and one before the version in force; nothing is stored', async () => {
		const shifted = upload(
			areas.map((f) => [f.properties.name, [(f.geometry.coordinates as LngLat[][]).map((r) => r.map(wgs84ToGcj02))]])
		);
		expect(await previewBoundary(t.db, shifted, today, today)).toMatchObject({
			ok: false,
			issues: [{ code: 'looks_gcj02' }]
		});
		expect(await previewBoundary(t.db, MERGED, addDays(today, 1), today)).toEqual({
			ok: false,
			issues: [{ code: 'boundary_in_future' }]
		});
		expect(await previewBoundary(t.db, MERGED, '2022-12-31', today)).toEqual({
			ok: false,
			issues: [{ code: 'boundary_before_latest', area: '2023-01-01' }]
		});
		expect(await versions()).toEqual(['2023-01-01']);
	});

	it('a date in the past moves the cases filed since then, only once the admin confirms, with a case event each and the counts kept', async () => {
		const middle = await areaId('中片区');
		const east = await areaId('东片区');
		const from = addDays(today, -2);
		const filedSince = (
			await t.db.selectFrom('cases').select(['id', 'reported_at']).where('area_id', '=', middle).execute()
		).filter((c) => c.reported_at >= shanghaiMidnight(from));
		const inMiddle = filedSince.map((c) => c.id);
		const filedBefore = (
			await t.db
				.selectFrom('cases')
				.select(['id'])
				.where('area_id', '=', middle)
				.where('reported_at', '<', shanghaiMidnight(from))
				.execute()
		).map((c) => c.id);
		expect(inMiddle.length).toBeGreaterThan(0);
		expect(filedBefore.length).toBeGreaterThan(0);
		const preview = await previewBoundary(t.db, MERGED, from, today);
		if (!preview.ok) throw new Error(JSON.stringify(preview.issues));
		expect(preview.preview).toMatchObject({ kept: ['西片区', '东片区'], added: [], dropped: ['中片区'], past: true });
		expect(
			preview.preview.moved
				.filter((c) => c.relocate)
				.map((c) => c.id)
				.sort()
		).toEqual([...inMiddle].sort());
		expect(preview.preview.communitiesMoved.map((c) => c.name)).toContain('平南一居');

		const input = { text: MERGED, effectiveFrom: from, note: '中片区并入东片区', confirmPast: false };
		expect(await publishBoundary(t.db, adminId, input, today, now)).toEqual({
			ok: false,
			issues: [{ code: 'boundary_confirm_past', value: inMiddle.length }]
		});
		expect(await versions()).toEqual(['2023-01-01']);
		const ordersBefore = await t.db.selectFrom('hotline_orders').select(['id', 'area_id']).orderBy('id').execute();
		expect(ordersBefore.some((o) => o.area_id === middle)).toBe(true);
		const r = await publishBoundary(t.db, adminId, { ...input, confirmPast: true }, today, now);
		// 12345 orders keep the 片区 they were received in, though their 居民区 now belongs to 东片区.
		expect(await t.db.selectFrom('hotline_orders').select(['id', 'area_id']).orderBy('id').execute()).toEqual(
			ordersBefore
		);
		expect(r).toMatchObject({ ok: true, relocated: inMiddle.length });
		// Filed before the new outlines took effect: still in 中片区.
		expect(
			(await t.db.selectFrom('cases').select('id').where('area_id', '=', middle).execute()).map((c) => c.id).sort()
		).toEqual([...filedBefore].sort());
		const events = await t.db.selectFrom('case_events').selectAll().where('action', '=', 'relocate').execute();
		expect(events.map((e) => e.case_id).sort()).toEqual([...inMiddle].sort());
		expect(JSON.parse(events[0].payload!)).toMatchObject({ fromArea: middle, toArea: east, effectiveFrom: from });
		expect((await rebuildCounts(t.db, { write: false })).differences).toEqual([]);
		expect((await checkRowsAgainstLogs(t.db)).first).toEqual([]);
		expect((await listAudit(t.db, { action: 'boundary.publish', page: 1 })).rows[0].detail).toMatchObject({
			effectiveFrom: from,
			dropped: ['中片区'],
			relocated: inMiddle.length,
			confirmedPast: true
		});
		// The 居民区 of the old 中片区 now belong to 东片区.
		expect(
			(await t.db.selectFrom('communities').select('area_id').where('name', '=', '平南一居').executeTakeFirstOrThrow())
				.area_id
		).toBe(east);
	});

	it('a version from today leaves every case in the 片区 it was filed in; the old outlines stay on file', async () => {
		const before = await t.db.selectFrom('cases').select(['id', 'area_id', 'version']).orderBy('id').execute();
		const split = upload(areas.map((f) => [f.properties.name, [f.geometry.coordinates as LngLat[][]]]));
		const preview = await previewBoundary(t.db, split, today, today);
		if (!preview.ok) throw new Error(JSON.stringify(preview.issues));
		expect(preview.preview).toMatchObject({ added: ['中片区'], past: false });
		expect(preview.preview.moved.length).toBeGreaterThan(0);
		expect(preview.preview.moved.every((c) => !c.relocate)).toBe(true);
		expect(
			await publishBoundary(
				t.db,
				adminId,
				{ text: split, effectiveFrom: today, note: '恢复三个片区', confirmPast: false },
				today,
				now
			)
		).toMatchObject({ ok: true, relocated: 0 });
		expect(await t.db.selectFrom('cases').select(['id', 'area_id', 'version']).orderBy('id').execute()).toEqual(before);
		expect((await loadGeography(t.db, today)).areas.map((a) => a.name)).toEqual(['西片区', '中片区', '东片区']);
		expect((await loadGeography(t.db, addDays(today, -1))).areas.map((a) => a.name)).toEqual(['西片区', '东片区']);
		expect((await loadGeography(t.db, '2024-06-01')).areas.map((a) => a.name)).toEqual(['西片区', '中片区', '东片区']);
		// The same 中片区 as before (its identity is kept by name), not a new one.
		expect((await loadGeography(t.db, today)).areas[1].id).toBe(await areaId('中片区'));
		expect(await versions()).toEqual(['2023-01-01', addDays(today, -2), today]);
	});
});
