// The published boundary versions as the admin page lists them: who published each and when, the
// 片区 drawn in it and how many 居民区 outlines it carries. Plain Kysely.
import type { Db } from '../db/create-database';

export async function listBoundaryVersions(db: Db) {
	const [versions, shapes, outlines] = await Promise.all([
		db
			.selectFrom('boundary_versions')
			.leftJoin('users', 'users.id', 'boundary_versions.created_by')
			.select([
				'boundary_versions.id',
				'boundary_versions.effective_from',
				'boundary_versions.note',
				'boundary_versions.created_at',
				'users.display_name as created_by_name'
			])
			.orderBy('boundary_versions.effective_from', 'desc')
			.execute(),
		db
			.selectFrom('area_shapes')
			.innerJoin('areas', 'areas.id', 'area_shapes.area_id')
			.select(['area_shapes.version_id', 'areas.name'])
			.where('areas.kind', '=', 'area')
			.orderBy('areas.id')
			.execute(),
		db
			.selectFrom('community_shapes')
			.select((eb) => ['version_id', eb.fn.countAll<number>().as('n')])
			.groupBy('version_id')
			.execute()
	]);
	const areas = new Map<number, string[]>();
	for (const s of shapes) areas.set(s.version_id, [...(areas.get(s.version_id) ?? []), s.name]);
	const outlineCount = new Map(outlines.map((o) => [o.version_id, Number(o.n)]));
	return versions.map((v) => ({ ...v, areas: areas.get(v.id) ?? [], communityOutlines: outlineCount.get(v.id) ?? 0 }));
}

/** The version in force now (the latest by date); undefined before the first is loaded. */
export const latestBoundaryVersion = (db: Db) =>
	db
		.selectFrom('boundary_versions')
		.select(['id', 'effective_from'])
		.orderBy('effective_from', 'desc')
		.limit(1)
		.executeTakeFirst();

export async function insertBoundaryVersion(
	db: Db,
	v: { effective_from: string; note: string; created_at: number; created_by: number }
): Promise<number> {
	return (await db.insertInto('boundary_versions').values(v).returning('id').executeTakeFirstOrThrow()).id;
}

export const listAreaShapes = (db: Db, versionId: number) =>
	db.selectFrom('area_shapes').select(['area_id', 'geometry']).where('version_id', '=', versionId).execute();
export const listCommunityShapes = (db: Db, versionId: number) =>
	db.selectFrom('community_shapes').select(['community_id', 'geometry']).where('version_id', '=', versionId).execute();

export async function insertAreaShape(db: Db, versionId: number, areaId: number, geometry: string): Promise<void> {
	await db.insertInto('area_shapes').values({ version_id: versionId, area_id: areaId, geometry }).execute();
}

export async function insertCommunityShape(
	db: Db,
	versionId: number,
	communityId: number,
	geometry: string
): Promise<void> {
	await db
		.insertInto('community_shapes')
		.values({ version_id: versionId, community_id: communityId, geometry })
		.execute();
}

/** Every 片区 ever drawn (and the subdistrict), by id, name and kind. */
export const listAllAreas = (db: Db) => db.selectFrom('areas').select(['id', 'name', 'kind']).execute();

export const getSubdistrictId = async (db: Db): Promise<number> =>
	(await db.selectFrom('areas').select('id').where('kind', '=', 'subdistrict').executeTakeFirstOrThrow()).id;

/** A new 片区 (its outline is a shape of a version). */
export async function insertArea(db: Db, name: string): Promise<number> {
	return (await db.insertInto('areas').values({ name, kind: 'area' }).returning('id').executeTakeFirstOrThrow()).id;
}

export const getCommunityAreaId = async (db: Db, communityId: number): Promise<number> =>
	(await db.selectFrom('communities').select('area_id').where('id', '=', communityId).executeTakeFirstOrThrow())
		.area_id;

/** A 居民区 now in another 片区: it moves, and its grid workers with it. */
export async function moveCommunity(db: Db, communityId: number, areaId: number): Promise<void> {
	await db.updateTable('communities').set({ area_id: areaId }).where('id', '=', communityId).execute();
	await db.updateTable('users').set({ area_id: areaId }).where('community_id', '=', communityId).execute();
}
