import { randomUUID } from 'node:crypto';
import { cityUpdateOf, judgeDelivery, retryDelay, type Backoff, type CityUpdate } from '$lib/domain/city-updates';
import type { Db } from '../../db/create-database';
import type { CityPlatform } from '../../city-platform';
import {
	claimCityUpdate,
	dueHeadOfOrder,
	enqueueCityUpdate,
	listDueHeads,
	markCityDelivered,
	markCityRefused,
	markCityRetry
} from '../../repositories/city-outbox';

export interface CitySenderOptions {
	backoff: Backoff;
	/** How long an attempt holds its update; past it (a process that died mid-send) it is tried again. */
	leaseMs: number;
	/** Updates looked at per round, and orders sent to at once. */
	batch: number;
	concurrency: number;
	clock: () => number;
	log: (line: string) => void;
}

export const DEFAULT_CITY_SENDER: CitySenderOptions = {
	backoff: { baseMs: 30_000, maxMs: 30 * 60_000 },
	leaseMs: 60_000,
	batch: 100,
	concurrency: 4,
	clock: () => Date.now(),
	log: (l) => console.log(l)
};

/** Queues the city's copy of an order event, in the caller's transaction (nothing when the action is not reported). */
export async function queueCityUpdate(
	trx: Db,
	order: { id: number; order_no: string },
	eventId: number,
	event: { action: string; note: string | null; payload: Record<string, unknown> },
	now: number
): Promise<void> {
	const update = cityUpdateOf(order.order_no, event, now, `gridcase-${randomUUID()}`);
	if (update) await enqueueCityUpdate(trx, order.id, eventId, update, now);
}

export interface RoundResult {
	delivered: number;
	refused: number;
	retrying: number;
}

/** Sends one order's due updates in order, stopping at the first that has to wait. */
async function sendAlongOrder(
	db: Db,
	platform: CityPlatform,
	first: { id: number; order_id: number; payload: string; attempts: number },
	o: CitySenderOptions,
	tally: RoundResult
) {
	let item: typeof first | null = first;
	while (item) {
		const now = o.clock();
		if (!(await claimCityUpdate(db, item.id, now, now + o.leaseMs))) return;
		const update = JSON.parse(item.payload) as CityUpdate;
		const verdict = judgeDelivery(await platform.deliver(update));
		const at = o.clock();
		if (verdict.outcome === 'delivered') {
			await markCityDelivered(db, item.id, verdict.ref, at);
			tally.delivered++;
		} else if (verdict.outcome === 'refused') {
			await markCityRefused(db, item.id, verdict.reason, at);
			o.log(`[city] ${update.orderNo} ${update.action} refused by the city: ${verdict.reason}`);
			tally.refused++;
		} else {
			const wait = retryDelay(item.attempts + 1, o.backoff);
			await markCityRetry(db, item.id, verdict.error, at + wait);
			o.log(
				`[city] ${update.orderNo} ${update.action} not delivered (${verdict.error}), attempt ${item.attempts + 1}; next in ${Math.round(wait / 1000)} s`
			);
			tally.retrying++;
			return;
		}
		item = await dueHeadOfOrder(db, item.order_id, o.clock());
	}
}

/** One round: every order with a due update gets its updates sent in order, a few orders at a time. */
export async function deliverDueUpdates(
	db: Db,
	platform: CityPlatform,
	opts: Partial<CitySenderOptions> = {}
): Promise<RoundResult> {
	const o = { ...DEFAULT_CITY_SENDER, ...opts };
	const heads = await listDueHeads(db, o.clock(), o.batch);
	const tally: RoundResult = { delivered: 0, refused: 0, retrying: 0 };
	let next = 0;
	const worker = async () => {
		while (next < heads.length) await sendAlongOrder(db, platform, heads[next++], o, tally);
	};
	await Promise.all(Array.from({ length: Math.min(o.concurrency, heads.length) }, worker));
	return tally;
}

/** Rounds until nothing is due (the seed uses it for the demo history's updates). */
export async function drainDueUpdates(
	db: Db,
	platform: CityPlatform,
	opts: Partial<CitySenderOptions> = {}
): Promise<RoundResult> {
	const total: RoundResult = { delivered: 0, refused: 0, retrying: 0 };
	for (;;) {
		const r = await deliverDueUpdates(db, platform, opts);
		total.delivered += r.delivered;
		total.refused += r.refused;
		total.retrying += r.retrying;
		if (r.delivered + r.refused + r.retrying === 0) return total;
		if (r.delivered + r.refused === 0) return total; // only retries left: they wait for their time
	}
}

/**
 * The sender of the server process: a round every `intervalMs`, never two at once, never in the
 * way of a request (its timer does not keep the process alive; its database work is a few small
 * statements; the city's answers are awaited, not blocked on). Returns a stop function.
 */
export function startCitySender(
	db: Db,
	platform: () => CityPlatform,
	opts: Partial<CitySenderOptions> & { intervalMs?: number } = {}
): () => void {
	const interval = opts.intervalMs ?? 2_000;
	const log = opts.log ?? DEFAULT_CITY_SENDER.log;
	let stopped = false;
	let timer: ReturnType<typeof setTimeout> | null = null;
	const round = async () => {
		try {
			await deliverDueUpdates(db, platform(), opts);
		} catch (e) {
			log(`[city] sender round failed: ${e instanceof Error ? e.message : String(e)}`);
		}
		if (!stopped) {
			timer = setTimeout(round, interval);
			timer.unref?.();
		}
	};
	timer = setTimeout(round, 0);
	timer.unref?.();
	return () => {
		stopped = true;
		if (timer) clearTimeout(timer);
	};
}
