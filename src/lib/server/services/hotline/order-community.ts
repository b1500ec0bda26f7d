// The dispatcher sets (or corrects) an order's 居民区: one imported 待定, or found wrongly from its address.
// An event in the order's chain says who, when, from which to which; the 片区 follows the 居民区, and
// the statistics counts move with it in the same transaction.
import type { Db } from '../../db/create-database';
import { type Actor, can } from '$lib/domain/access';
import { getOrderRow } from '../../repositories/hotline-orders';
import { getCommunity } from '../../repositories/reference';
import { StaleRecord, unitOfWork } from '../unit-of-work';

export type SetCommunityResult =
	| { ok: true }
	| { ok: false; status: 404; code: 'not_found' }
	| { ok: false; status: 403; code: 'forbidden' }
	| { ok: false; status: 409; code: 'stale' }
	| { ok: false; status: 400; code: 'unknown_community' | 'unchanged' };

export async function setOrderCommunity(
	db: Db,
	actor: Actor,
	orderId: number,
	expectedVersion: number,
	communityId: number,
	now: number
): Promise<SetCommunityResult> {
	if (!can(actor, 'hotline.set_community')) return { ok: false, status: 403, code: 'forbidden' };
	const row = await getOrderRow(db, orderId);
	if (!row) return { ok: false, status: 404, code: 'not_found' };
	if (row.version !== expectedVersion) return { ok: false, status: 409, code: 'stale' };
	const community = await getCommunity(db, communityId);
	if (!community) return { ok: false, status: 400, code: 'unknown_community' };
	if (row.community_id === community.id) return { ok: false, status: 400, code: 'unchanged' };
	const before = row.community_id === null ? null : await getCommunity(db, row.community_id);
	try {
		const payload = {
			from: row.community_id,
			fromName: before?.name ?? null,
			to: community.id,
			toName: community.name
		};
		const event = {
			at: now,
			actorId: actor.id,
			action: 'set_community',
			from: row.status,
			to: row.status,
			note: null,
			payload
		};
		await unitOfWork(db, (w) =>
			w.updateOrder(
				orderId,
				expectedVersion,
				{ community_id: community.id, area_id: community.area_id, updated_at: now },
				[event]
			)
		);
	} catch (e) {
		if (e instanceof StaleRecord) return { ok: false, status: 409, code: 'stale' };
		throw e;
	}
	return { ok: true };
}
