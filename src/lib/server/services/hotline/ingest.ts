import type { OrderInput } from '$lib/domain/hotline-order-input';
import type { WorkCalendar } from '$lib/domain/working-days';
import type { Db } from '../../db/create-database';
import { isPostgres } from '../../db/postgres';
import {
	findFingerprints,
	type NewOrderRow,
	type ReceiveEvent,
	type SqliteDatabase
} from '../../repositories/hotline-order-writes';
import { communityAreas } from '../../repositories/reference';
import { unitOfWork, type RecordWriter } from '../unit-of-work';
import { orderFingerprint } from './fingerprint';
import { writeNewOrders } from './ingest-postgres';
import { newOrderRow } from './order-rows';

/** Where an order came from and who brought it in. */
export interface IngestContext {
	origin: 'api' | 'file' | 'manual';
	importId: number | null;
	actorId: number | null;
	apiKeyId: number | null;
	now: number;
	calendar: WorkCalendar;
	/** The SQLite handle of `db`, for bulk imports (prepared statements instead of Kysely); see sqliteHandle(). */
	sqlite?: SqliteDatabase;
}

export interface IngestResult {
	created: { orderNo: string; id: number }[];
	/** Already here, identical: importing again never duplicates an order. */
	same: string[];
	/** Already here with different content: reported, never silently overwritten. */
	changed: string[];
}

const BATCH = 400; // rows per multi-row INSERT on SQLite (26 columns × 400 stays under its 32,766 variables)

const receiveEvent = (ctx: IngestContext): ReceiveEvent => ({
	at: ctx.now,
	actor_id: ctx.actorId,
	api_key_id: ctx.apiKeyId,
	payload: JSON.stringify({ origin: ctx.origin, importId: ctx.importId })
});

/** SQLite only, in the caller's unit of work on the same handle: writes prepared rows (the unit of work counts them). */
export function writePreparedOrders(
	w: RecordWriter,
	rows: NewOrderRow[],
	ctx: IngestContext & { sqlite: SqliteDatabase }
): IngestResult {
	return w.createOrdersWithStatements(ctx.sqlite, rows, receiveEvent(ctx));
}

/** PostgreSQL, in the caller's unit of work: writes prepared rows of a bulk import (ingest-postgres.ts). */
export function writePreparedOrdersPg(w: RecordWriter, rows: NewOrderRow[], ctx: IngestContext): Promise<IngestResult> {
	return writeNewOrders(w, rows, receiveEvent(ctx), { bulk: true });
}

/** Decides new / same / changed for each order by 工单号 and inserts the new ones with their first event. */
export function ingestOrders(db: Db, orders: OrderInput[], ctx: IngestContext): Promise<IngestResult> {
	return unitOfWork(db, (w) => ingestIn(w, orders, ctx));
}

async function ingestIn(w: RecordWriter, orders: OrderInput[], ctx: IngestContext): Promise<IngestResult> {
	const db = w.trx;
	const receive = receiveEvent(ctx);
	// An order keeps the 片区 its 居民区 is in on receipt.
	const areaOf = await communityAreas(db);
	const rowOf = (order: OrderInput) => newOrderRow(order, orderFingerprint(order), ctx, areaOf);
	if (ctx.sqlite) return w.createOrdersWithStatements(ctx.sqlite, orders.map(rowOf), receive);
	if (isPostgres(db)) return writeNewOrders(w, orders.map(rowOf), receive);

	const result: IngestResult = { created: [], same: [], changed: [] };
	const seen = new Map<string, string>(); // 工单号 → fingerprint, within this call
	for (let i = 0; i < orders.length; i += BATCH) {
		const batch = orders.slice(i, i + BATCH);
		const existing = await findFingerprints(
			db,
			batch.map((o) => o.orderNo)
		);
		const fresh: NewOrderRow[] = [];
		for (const order of batch) {
			const row = rowOf(order);
			const known = existing.get(order.orderNo) ?? seen.get(order.orderNo);
			if (known === undefined) fresh.push(row);
			else (known === row.fingerprint ? result.same : result.changed).push(order.orderNo);
			seen.set(order.orderNo, known ?? row.fingerprint);
		}
		if (!fresh.length) continue;
		const inserted = await w.createOrders(fresh, receive);
		result.created.push(...inserted.map((r) => ({ orderNo: r.order_no, id: r.id })));
		// Stored meanwhile by a concurrent transaction (several writers on PostgreSQL): same or changed, as above.
		const done = new Set(inserted.map((r) => r.order_no));
		const raced = fresh.filter((r) => !done.has(r.order_no));
		if (!raced.length) continue;
		const now = await findFingerprints(
			db,
			raced.map((r) => r.order_no)
		);
		for (const r of raced) (now.get(r.order_no) === r.fingerprint ? result.same : result.changed).push(r.order_no);
	}
	return result;
}
