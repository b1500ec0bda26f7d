// The admin keeps the road and 小区 names that find an imported order's 居民区: add and remove, audited.
// Removing a name changes no order: it only stops later imports from matching it.
import { checkPlaceName } from '$lib/domain/community-names';
import type { Db } from '../db/create-database';
import { auditedChange } from './audited-change';
import { listCommunityIds, listCommunityNames } from '../repositories/reference';
import {
	deletePlaceName,
	findPlaceName,
	getPlaceName,
	insertPlaceName,
	listPlaceNames
} from '../repositories/place-names';

export type PlaceNameResult =
	{ ok: true; id: number } | { ok: false; field: 'name' | 'kind' | 'communityId' | 'form'; code: string };

export async function addPlaceName(
	db: Db,
	adminId: number,
	input: { name: string; kind: string; communityId: number },
	now: number
): Promise<PlaceNameResult> {
	const communityIds = new Set(await listCommunityIds(db));
	const checked = checkPlaceName(input, communityIds);
	if (!checked.ok) return checked;
	if (await findPlaceName(db, checked.value.name)) return { ok: false, field: 'name', code: 'name_taken' };
	const { name, kind, communityId } = checked.value;
	const id = await auditedChange(
		db,
		{ actorId: adminId, at: now },
		(trx) => insertPlaceName(trx, checked.value, adminId, now),
		(id) => ({ action: 'place_name.create', target: `place_name:${id}`, detail: { name, kind, communityId } })
	);
	return { ok: true, id };
}

export async function removePlaceName(db: Db, adminId: number, id: number, now: number): Promise<PlaceNameResult> {
	const before = await getPlaceName(db, id);
	if (!before) return { ok: false, field: 'form', code: 'not_found' };
	const detail = { name: before.name, kind: before.kind, communityId: before.community_id };
	await auditedChange(
		db,
		{ actorId: adminId, at: now },
		(trx) => deletePlaceName(trx, id),
		() => ({ action: 'place_name.delete', target: `place_name:${id}`, detail })
	);
	return { ok: true, id };
}

/** The place-name list and the 居民区 a name may point to. */
export async function loadPlaceNames(db: Db) {
	const [names, communities] = await Promise.all([listPlaceNames(db), listCommunityNames(db)]);
	return { names, communities };
}
