import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { communityCells } from '$lib/domain/community-cells';
import { interiorPoint, locatePoint } from '$lib/domain/geo';
import { shanghaiDate } from '$lib/domain/working-days';
import { seedDemoCases } from '../../../../seeds/demo-cases';
import { listAudit } from '../repositories/audit';
import { loadGeography } from '../repositories/reference';
import { createTestDb, type TestDb } from '../test-db';
import { previewBoundary } from './boundaries';
import { publishBoundary } from './boundaries-publish';

let t: TestDb;
const now = Date.now();
const today = shanghaiDate(now);
beforeAll(async () => {
	t = await createTestDb();
	await seedDemoCases(t.db, t.users, now, 30);
}, 60_000);
afterAll(() => t.cleanup());

describe('居民区 outlines', () => {
	it('once published, an outline decides the 居民区 of a new point; cases filed before keep theirs', async () => {
		const geo = await loadGeography(t.db, today);
		const cells = communityCells(geo.areas, geo.communities);
		const a = geo.communities.find((c) => c.name === '东兰一居')!;
		const b = geo.communities.find((c) => c.name === '东兰二居')!;
		// The outlines of 东兰一居 and 东兰二居 given the other way round: a valid tiling, but not the marker rule.
		const name = (id: number) =>
			id === a.id ? b.name : id === b.id ? a.name : geo.communities.find((c) => c.id === id)!.name;
		const text = JSON.stringify({
			type: 'FeatureCollection',
			features: [...cells].map(([id, ring]) => ({
				type: 'Feature',
				properties: { name: name(id) },
				geometry: { type: 'Polygon', coordinates: [ring] }
			}))
		});
		const preview = await previewBoundary(t.db, text, today, today, 'community');
		if (!preview.ok) throw new Error(JSON.stringify(preview.issues));
		const inA = await t.db.selectFrom('cases').select('id').where('community_id', '=', a.id).execute();
		expect(inA.length).toBeGreaterThan(0);
		expect(preview.preview.moved.filter((c) => c.toCommunity === b.name).length).toBe(inA.length);
		expect(preview.preview).toMatchObject({ level: 'community', dropped: [], past: false });
		const before = await t.db.selectFrom('cases').select(['id', 'community_id']).orderBy('id').execute();

		expect(
			await publishBoundary(
				t.db,
				t.users.get('admin')!,
				{ text, effectiveFrom: today, note: '居民区边界（测试）', confirmPast: false, level: 'community' },
				today,
				now
			)
		).toMatchObject({ ok: true, relocated: 0 });
		expect(await t.db.selectFrom('cases').select(['id', 'community_id']).orderBy('id').execute()).toEqual(before);
		const after = await loadGeography(t.db, today);
		expect(after.areas.map((x) => x.name)).toEqual(geo.areas.map((x) => x.name));
		const inside = interiorPoint([cells.get(a.id)!])!;
		expect(locatePoint(inside, geo.boundary, geo.areas, geo.communities)).toMatchObject({
			ok: true,
			communityId: a.id
		});
		expect(locatePoint(inside, after.boundary, after.areas, after.communities)).toMatchObject({
			ok: true,
			communityId: b.id
		});
		expect((await listAudit(t.db, { action: 'boundary.publish', page: 1 })).rows[0].detail).toMatchObject({
			level: 'community',
			relocated: 0
		});
	});
});
