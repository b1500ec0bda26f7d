import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../src/lib/server/test-db';
import { DEMO_CAMERA_COUNT, seedDemoCameras } from './demo-cameras';

let t: TestDb;
beforeAll(async () => {
	t = await createTestDb();
});
afterAll(async () => {
	await t.cleanup();
});

const NOW = Date.parse('2026-11-27T08:00:00Z');

describe('seedDemoCameras', () => {
	it('adds a dozen active cameras over several 居民区 and 片区, each inside the subdistrict; a second run adds none', async () => {
		expect(await seedDemoCameras(t.db, NOW)).toBe(DEMO_CAMERA_COUNT);
		const rows = await t.db.selectFrom('cameras').selectAll().execute();
		expect(rows).toHaveLength(DEMO_CAMERA_COUNT);
		expect(rows.every((r) => r.active === 1 && r.id.startsWith('GM-CAM-'))).toBe(true);
		expect(new Set(rows.map((r) => r.community_id)).size).toBeGreaterThanOrEqual(10);
		expect(new Set(rows.map((r) => r.area_id)).size).toBeGreaterThanOrEqual(2);
		expect(await seedDemoCameras(t.db, NOW + 1000)).toBe(0);
		expect(await t.db.selectFrom('cameras').selectAll().execute()).toEqual(rows);
	});
});
