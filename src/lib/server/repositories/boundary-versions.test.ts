import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../test-db';
import { listBoundaryVersions } from './boundary-versions';

let t: TestDb;
beforeEach(async () => {
	t = await createTestDb();
});
afterEach(() => t.cleanup());

describe('listBoundaryVersions', () => {
	it('lists each version newest first with its 片区 and the number of 居民区 outlines it carries', async () => {
		const versions = await listBoundaryVersions(t.db);
		expect(versions.length).toBeGreaterThan(0);
		expect(versions.map((v) => v.effective_from)).toEqual([...versions.map((v) => v.effective_from)].sort().reverse());
		for (const v of versions) {
			const areas = await t.db
				.selectFrom('area_shapes')
				.innerJoin('areas', 'areas.id', 'area_shapes.area_id')
				.select('areas.name')
				.where('area_shapes.version_id', '=', v.id)
				.where('areas.kind', '=', 'area')
				.orderBy('areas.id')
				.execute();
			const outlines = await t.db
				.selectFrom('community_shapes')
				.select('version_id')
				.where('version_id', '=', v.id)
				.execute();
			expect(v.areas).toEqual(areas.map((a) => a.name));
			expect(v.communityOutlines).toBe(outlines.length);
		}
		expect(versions.at(-1)!.areas.length).toBe(3);
	});
});
