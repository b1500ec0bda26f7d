// Writing new 12345 orders on PostgreSQL, where several app servers may import or receive orders at
// once. The rows go in sets of thousands with ON CONFLICT (order_no) DO NOTHING, and what the INSERT
// returns says which were new: nothing is looked up before. Only the orders it left out (stored by an
// earlier import, or a moment ago by another writer) are looked up, to tell same from changed; an
// order already stored is never written twice.
import type { NewOrderRow, ReceiveEvent } from '../../repositories/hotline-order-writes';
import { findFingerprints } from '../../repositories/hotline-order-writes';
import type { RecordWriter } from '../unit-of-work';
import type { IngestResult } from './ingest';

/**
 * Rows per INSERT: one array per column, so the size is bounded by memory, not by parameters. A few
 * thousand cost the database no more than larger sets, and keep each stretch of the app's own work on
 * a set (making the arrays, sealing the events) short, so other requests are answered in between.
 */
export const PG_BATCH = 3_000;

/** Decides new / same / changed for each row by 工单号, inserting the new ones with their first event. */
export async function writeNewOrders(
	w: RecordWriter,
	rows: readonly NewOrderRow[],
	receive: ReceiveEvent,
	opts: { bulk?: boolean } = {}
): Promise<IngestResult> {
	const result: IngestResult = { created: [], same: [], changed: [] };
	// A 工单号 given twice: the first row is offered to the INSERT, the later ones are judged against
	// what is stored once it has run (the first row, or the order that was already there).
	const offered = new Set<string>();
	const fresh: NewOrderRow[] = [];
	const again: NewOrderRow[] = [];
	for (const row of rows) {
		if (offered.has(row.order_no)) again.push(row);
		else {
			offered.add(row.order_no);
			fresh.push(row);
		}
	}
	const stored = new Map<string, string>(); // 工单号 → fingerprint stored, for the rows not inserted
	const judge = (r: NewOrderRow) =>
		(stored.get(r.order_no) === r.fingerprint ? result.same : result.changed).push(r.order_no);
	for (let i = 0; i < fresh.length; i += PG_BATCH) {
		const batch = fresh.slice(i, i + PG_BATCH);
		const inserted = await w.createOrders(batch, receive, opts);
		for (const r of inserted) result.created.push({ orderNo: r.order_no, id: r.id });
		if (inserted.length === batch.length) continue;
		const done = new Set(inserted.map((r) => r.order_no));
		const left = batch.filter((r) => !done.has(r.order_no));
		for (const [no, print] of await findFingerprints(
			w.trx,
			left.map((r) => r.order_no)
		))
			stored.set(no, print);
		left.forEach(judge);
	}
	if (again.length) {
		const firstOf = new Map(fresh.map((r) => [r.order_no, r.fingerprint]));
		for (const r of again) if (!stored.has(r.order_no)) stored.set(r.order_no, firstOf.get(r.order_no)!);
		again.forEach(judge);
	}
	return result;
}
