// The dispatcher sets (or corrects) an order's 居民区: one imported 待定, or found wrongly from its address.
// An event in the order's chain says who, when, from which to which; the 片区 follows the 居民区, and
// the statistics counts move with it in the same transaction.
import type { Db } from '../../db/create-database';
import { sealRows } from '../../repositories/sealed';
import { commitStats, statSnapshot } from '../stats/counting';
import { type Actor, can } from '$lib/domain/access';

export type SetCommunityResult =
	| { ok: true }
	| { ok: false; status: 404; code: 'not_found' }
	| { ok: false; status: 403; code: 'forbidden' }
	| { ok: false; status: 409; code: 'stale' }
	| { ok: false; status: 400; code: 'unknown_community' | 'unchanged' };

class StaleOrder extends Error {}

export async function setOrderCommunity(db: Db, actor: Actor, orderId: number, expectedVersion: number, communityId: number, now: number): Promise<SetCommunityResult> {
	if (!can(actor, 'hotline.set_community')) return { ok: false, status: 403, code: 'forbidden' };
	const row = await db.selectFrom('hotline_orders').select(['id', 'status', 'version', 'community_id', 'area_id']).where('id', '=', orderId).executeTakeFirst();
	if (!row) return { ok: false, status: 404, code: 'not_found' };
	if (row.version !== expectedVersion) return { ok: false, status: 409, code: 'stale' };
	const community = await db.selectFrom('communities').select(['id', 'name', 'area_id']).where('id', '=', communityId).executeTakeFirst();
	if (!community) return { ok: false, status: 400, code: 'unknown_community' };
	if (row.community_id === community.id) return { ok: false, status: 400, code: 'unchanged' };
	const before = row.community_id === null ? null : await db.selectFrom('communities').select('name').where('id', '=', row.community_id).executeTakeFirst();
	try {
		await db.transaction().execute(async (trx) => {
			const stats = await statSnapshot(trx, 'order', [orderId]);
			const written = await trx
				.updateTable('hotline_orders')
				.set({ community_id: community.id, area_id: community.area_id, updated_at: now, version: expectedVersion + 1 })
				.where('id', '=', orderId)
				.where('version', '=', expectedVersion)
				.executeTakeFirst();
			if (Number(written.numUpdatedRows) !== 1) throw new StaleOrder();
			const payload = { from: row.community_id, fromName: before?.name ?? null, to: community.id, toName: community.name };
			const event = { order_id: orderId, at: now, actor_id: actor.id, api_key_id: null, action: 'set_community', from_status: row.status, to_status: row.status, note: null, payload: JSON.stringify(payload) };
			await trx.insertInto('hotline_events').values(await sealRows(trx, 'hotline_events', [event])).execute();
			await commitStats(trx, stats);
		});
	} catch (e) {
		if (e instanceof StaleOrder) return { ok: false, status: 409, code: 'stale' };
		throw e;
	}
	return { ok: true };
}
