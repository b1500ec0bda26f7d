// The published boundary versions as the admin page lists them: who published each and when, the
// 片区 drawn in it and how many 居民区 outlines it carries. Plain Kysely.
import type { Db } from '../db/create-database';

export async function listBoundaryVersions(db: Db) {
	const [versions, shapes, outlines] = await Promise.all([
		db
			.selectFrom('boundary_versions')
			.leftJoin('users', 'users.id', 'boundary_versions.created_by')
			.select(['boundary_versions.id', 'boundary_versions.effective_from', 'boundary_versions.note', 'boundary_versions.created_at', 'users.display_name as created_by_name'])
			.orderBy('boundary_versions.effective_from', 'desc')
			.execute(),
		db.selectFrom('area_shapes').innerJoin('areas', 'areas.id', 'area_shapes.area_id').select(['area_shapes.version_id', 'areas.name']).where('areas.kind', '=', 'area').orderBy('areas.id').execute(),
		db.selectFrom('community_shapes').select((eb) => ['version_id', eb.fn.countAll<number>().as('n')]).groupBy('version_id').execute()
	]);
	const areas = new Map<number, string[]>();
	for (const s of shapes) areas.set(s.version_id, [...(areas.get(s.version_id) ?? []), s.name]);
	const outlineCount = new Map(outlines.map((o) => [o.version_id, Number(o.n)]));
	return versions.map((v) => ({ ...v, areas: areas.get(v.id) ?? [], communityOutlines: outlineCount.get(v.id) ?? 0 }));
}
