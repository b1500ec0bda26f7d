import type { Db } from '../db/create-database';
import type { CameraRow } from '../db/schema';

export interface CameraPlace {
	name: string;
	lng: number;
	lat: number;
	areaId: number;
	communityId: number;
}

/** The camera registry (视频探头): ids are the platform's own; cameras are switched off, never deleted. */
export interface CameraListItem extends CameraPlace {
	id: string;
	communityName: string;
	active: boolean;
	alertCount: number;
}

export async function listCameras(db: Db): Promise<CameraListItem[]> {
	const rows = await db
		.selectFrom('cameras')
		.innerJoin('communities', 'communities.id', 'cameras.community_id')
		.leftJoin('alerts', 'alerts.camera_id', 'cameras.id')
		.select(({ fn }) => [
			'cameras.id',
			'cameras.name',
			'cameras.lng',
			'cameras.lat',
			'cameras.area_id',
			'cameras.community_id',
			'cameras.active',
			'communities.name as community_name',
			fn.count<number>('alerts.id').as('alert_count')
		])
		.groupBy('cameras.id')
		.orderBy('cameras.active', 'desc')
		.orderBy('cameras.id')
		.execute();
	return rows.map((r) => ({
		id: r.id,
		name: r.name,
		lng: r.lng,
		lat: r.lat,
		areaId: r.area_id,
		communityId: r.community_id,
		communityName: r.community_name,
		active: r.active === 1,
		alertCount: Number(r.alert_count)
	}));
}

export async function getCamera(db: Db, id: string): Promise<CameraRow | undefined> {
	return db.selectFrom('cameras').selectAll().where('id', '=', id).executeTakeFirst();
}

/** False when the id is already registered (active or not). */
export async function insertCamera(db: Db, id: string, place: CameraPlace, now: number): Promise<boolean> {
	const r = await db
		.insertInto('cameras')
		.values({
			id,
			name: place.name,
			lng: place.lng,
			lat: place.lat,
			area_id: place.areaId,
			community_id: place.communityId,
			active: 1,
			created_at: now,
			updated_at: now
		})
		.onConflict((oc) => oc.column('id').doNothing())
		.executeTakeFirst();
	return Number(r.numInsertedOrUpdatedRows ?? 0n) === 1;
}

export async function updateCamera(db: Db, id: string, place: CameraPlace, now: number): Promise<boolean> {
	const r = await db
		.updateTable('cameras')
		.set({
			name: place.name,
			lng: place.lng,
			lat: place.lat,
			area_id: place.areaId,
			community_id: place.communityId,
			updated_at: now
		})
		.where('id', '=', id)
		.executeTakeFirst();
	return Number(r.numUpdatedRows) === 1;
}

export async function setCameraActive(db: Db, id: string, active: boolean, now: number): Promise<boolean> {
	const r = await db
		.updateTable('cameras')
		.set({ active: active ? 1 : 0, updated_at: now })
		.where('id', '=', id)
		.executeTakeFirst();
	return Number(r.numUpdatedRows) === 1;
}
