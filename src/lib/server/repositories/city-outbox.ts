import { WAITING_CITY_STATUSES, type CityUpdate } from '$lib/domain/city-updates';
import type { Db } from '../db/create-database';

const WAITING = [...WAITING_CITY_STATUSES];

/** Queues an update; called inside the transaction that writes the order's event. */
export async function enqueueCityUpdate(
	trx: Db,
	orderId: number,
	eventId: number,
	update: CityUpdate,
	now: number
): Promise<void> {
	await trx
		.insertInto('city_outbox')
		.values({
			order_id: orderId,
			event_id: eventId,
			action: update.action,
			idempotency_key: update.idempotencyKey,
			payload: JSON.stringify(update),
			status: 'pending',
			next_attempt_at: now,
			created_at: now
		})
		.execute();
}

/**
 * The first unsettled update of each order, when it is due: a later update of the same order waits
 * until the earlier one is delivered or refused, so the city receives an order's updates in order.
 */
export async function listDueHeads(db: Db, now: number, limit: number) {
	return db
		.selectFrom('city_outbox as c')
		.select(['c.id', 'c.order_id', 'c.payload', 'c.attempts'])
		.where('c.status', 'in', WAITING)
		.where('c.next_attempt_at', '<=', now)
		.where(({ not, exists, selectFrom }) =>
			not(
				exists(
					selectFrom('city_outbox as e')
						.select('e.id')
						.whereRef('e.order_id', '=', 'c.order_id')
						.whereRef('e.id', '<', 'c.id')
						.where('e.status', 'in', WAITING)
				)
			)
		)
		.orderBy('c.id')
		.limit(limit)
		.execute();
}

/** The first unsettled update of one order, when it is due (the sender goes on along one order). */
export async function dueHeadOfOrder(db: Db, orderId: number, now: number) {
	const head = await db
		.selectFrom('city_outbox')
		.select(['id', 'order_id', 'payload', 'attempts', 'next_attempt_at'])
		.where('order_id', '=', orderId)
		.where('status', 'in', WAITING)
		.orderBy('id')
		.limit(1)
		.executeTakeFirst();
	return head && head.next_attempt_at <= now ? head : null;
}

/**
 * Takes one update for an attempt: counts it and moves its next attempt past the attempt's time
 * limit, so a second sender skips it and, if this process dies mid-send, it is tried again later
 * (the idempotency key lets the city drop the repeat). False when someone else took it.
 */
export async function claimCityUpdate(db: Db, id: number, now: number, leaseUntil: number): Promise<boolean> {
	const r = await db
		.updateTable('city_outbox')
		.set((eb) => ({ attempts: eb('attempts', '+', 1), last_attempt_at: now, next_attempt_at: leaseUntil }))
		.where('id', '=', id)
		.where('status', 'in', WAITING)
		.where('next_attempt_at', '<=', now)
		.executeTakeFirst();
	return Number(r.numUpdatedRows) === 1;
}

export async function markCityDelivered(db: Db, id: number, ref: string | null, now: number): Promise<void> {
	await db
		.updateTable('city_outbox')
		.set({ status: 'delivered', city_ref: ref, delivered_at: now, last_error: null })
		.where('id', '=', id)
		.execute();
}

export async function markCityRefused(db: Db, id: number, reason: string, now: number): Promise<void> {
	await db
		.updateTable('city_outbox')
		.set({ status: 'refused', refused_reason: reason, delivered_at: now })
		.where('id', '=', id)
		.execute();
}

export async function markCityRetry(db: Db, id: number, error: string, nextAttemptAt: number): Promise<void> {
	await db
		.updateTable('city_outbox')
		.set({ status: 'retrying', last_error: error, next_attempt_at: nextAttemptAt })
		.where('id', '=', id)
		.execute();
}

/** What was sent to the city for one order, oldest first (the order page). */
export async function listOrderCityUpdates(db: Db, orderId: number) {
	return db
		.selectFrom('city_outbox')
		.select([
			'id',
			'event_id',
			'action',
			'status',
			'attempts',
			'next_attempt_at',
			'last_attempt_at',
			'last_error',
			'refused_reason',
			'city_ref',
			'delivered_at',
			'created_at'
		])
		.where('order_id', '=', orderId)
		.orderBy('id')
		.execute();
}

/** Counts by status (the sender's log line and the seed's). */
export async function countCityUpdates(db: Db) {
	const rows = await db
		.selectFrom('city_outbox')
		.select(['status', (eb) => eb.fn.countAll<number>().as('n')])
		.groupBy('status')
		.execute();
	return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)])) as Record<string, number>;
}
