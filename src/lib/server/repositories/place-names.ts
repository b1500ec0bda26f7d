// Road and 小区 names per 居民区 (migration 017): read by the order import, kept by the admin.
import type { PlaceName } from '$lib/domain/community-names';
import type { Db } from '../db/create-database';

export interface PlaceNameRow extends PlaceName {
	id: number;
	communityName: string;
}

/** Every name with its 居民区, by 居民区 then name. */
export async function listPlaceNames(db: Db): Promise<PlaceNameRow[]> {
	const rows = await db
		.selectFrom('place_names')
		.innerJoin('communities', 'communities.id', 'place_names.community_id')
		.select([
			'place_names.id',
			'place_names.name',
			'place_names.kind',
			'place_names.community_id',
			'communities.name as community_name'
		])
		.orderBy('communities.id')
		.orderBy('place_names.kind')
		.orderBy('place_names.name')
		.execute();
	return rows.map((r) => ({
		id: r.id,
		name: r.name,
		kind: r.kind as PlaceName['kind'],
		communityId: r.community_id,
		communityName: r.community_name
	}));
}

export async function findPlaceName(db: Db, name: string) {
	return db.selectFrom('place_names').selectAll().where('name', '=', name).executeTakeFirst();
}

export async function getPlaceName(db: Db, id: number) {
	return db.selectFrom('place_names').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertPlaceName(db: Db, p: PlaceName, actorId: number, now: number): Promise<number> {
	const row = await db
		.insertInto('place_names')
		.values({ name: p.name, kind: p.kind, community_id: p.communityId, created_by: actorId, created_at: now })
		.returning('id')
		.executeTakeFirstOrThrow();
	return row.id;
}

export async function deletePlaceName(db: Db, id: number): Promise<void> {
	await db.deleteFrom('place_names').where('id', '=', id).execute();
}
