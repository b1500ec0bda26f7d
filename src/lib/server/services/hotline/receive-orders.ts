// 12345 orders arriving one by one: pushed by the city platform (API) or typed in by the hotline
// desk. Each is checked against the reference data, then written by the ingest service, all or
// nothing, idempotent by 工单号 (an order already here is reported, never duplicated or overwritten).
import {
	ORDER_COLUMN_KEYS,
	validateOrderRecord,
	type OrderColumnKey,
	type OrderInput
} from '$lib/domain/hotline-order-input';
import type { Db } from '../../db/create-database';
import { transact } from '../../db/transact';
import { loadCalendar } from '../../repositories/calendar';
import { ORDER_TYPES, orderValidationContext } from '../../repositories/hotline-reference';
import { listCommunityNames } from '../../repositories/reference';
import { ingestOrders, type IngestContext, type IngestResult } from './ingest';

const NUMBER_FIELDS: ReadonlySet<OrderColumnKey> = new Set(['lng', 'lat', 'phone']);

/** The fields of `item` sent with a type the API does not take (an array, an object, true…); null counts as absent. */
function wrongTypes(item: unknown): string[] {
	if (!item || typeof item !== 'object' || Array.isArray(item)) return ['(order)'];
	return ORDER_COLUMN_KEYS.filter((key) => {
		const v = (item as Record<string, unknown>)[key];
		return !(
			v === undefined ||
			v === null ||
			typeof v === 'string' ||
			(typeof v === 'number' && Number.isFinite(v) && NUMBER_FIELDS.has(key))
		);
	});
}

/** JSON values → the strings the validator reads (numbers for lng/lat or phone are accepted). */
function toRecord(item: unknown): Partial<Record<OrderColumnKey, string>> {
	const out: Partial<Record<OrderColumnKey, string>> = {};
	if (!item || typeof item !== 'object') return out;
	for (const key of ORDER_COLUMN_KEYS) {
		const v = (item as Record<string, unknown>)[key];
		if (typeof v === 'string') out[key] = v;
		else if (typeof v === 'number' && Number.isFinite(v)) out[key] = String(v);
	}
	return out;
}

/** Writes checked orders in one transaction. */
async function writeOrders(
	db: Db,
	orders: OrderInput[],
	source: Pick<IngestContext, 'origin' | 'actorId' | 'apiKeyId'>,
	now: number
): Promise<IngestResult> {
	const calendar = await loadCalendar(db);
	// Serializable: the same order sent twice at once (two app servers on PostgreSQL) is found as
	// received by one of the two transactions, instead of both inserting it.
	return transact(db, (trx) => ingestOrders(trx, orders, { ...source, importId: null, now, calendar }), {
		serializable: true
	});
}

export type ApiOrdersResult =
	| { ok: true; result: IngestResult }
	| { ok: false; code: 'invalid_type'; named: string; orders: { index: number; fields: string[] }[] }
	| {
			ok: false;
			code: 'invalid_orders';
			orders: { index: number; orderNo: string | null; errors: { field: OrderColumnKey; code: string }[] }[];
	  };

/** The orders of one API request (JSON values): every one valid, or nothing is written. */
export async function receiveApiOrders(
	db: Db,
	list: unknown[],
	apiKeyId: number,
	now: number
): Promise<ApiOrdersResult> {
	const mistyped = list.flatMap((item, index) => {
		const fields = wrongTypes(item);
		return fields.length ? [{ index, fields }] : [];
	});
	if (mistyped.length)
		return {
			ok: false,
			code: 'invalid_type',
			named: [...new Set(mistyped.flatMap((m) => m.fields))].join(', '),
			orders: mistyped
		};

	const ctx = await orderValidationContext(db, now);
	const valid: OrderInput[] = [];
	const invalid: { index: number; orderNo: string | null; errors: { field: OrderColumnKey; code: string }[] }[] = [];
	const seen = new Set<string>();
	list.forEach((item, index) => {
		const raw = toRecord(item);
		const checked = validateOrderRecord(raw, ctx);
		if (!checked.ok)
			invalid.push({
				index,
				orderNo: raw.orderNo ?? null,
				errors: checked.errors.map((e) => ({ field: e.column, code: e.code }))
			});
		else if (seen.has(checked.order.orderNo))
			invalid.push({
				index,
				orderNo: checked.order.orderNo,
				errors: [{ field: 'orderNo', code: 'duplicate_in_request' }]
			});
		else {
			seen.add(checked.order.orderNo);
			valid.push(checked.order);
		}
	});
	if (invalid.length) return { ok: false, code: 'invalid_orders', orders: invalid };
	return { ok: true, result: await writeOrders(db, valid, { origin: 'api', actorId: null, apiKeyId }, now) };
}

export type ManualOrderResult =
	| { ok: true; id: number }
	| { ok: false; errors: Partial<Record<OrderColumnKey, string>> }
	| { ok: false; exists: 'same' | 'changed'; orderNo: string };

/** One order typed in by the hotline desk; entering an order that is already here never duplicates it. */
export async function receiveManualOrder(
	db: Db,
	raw: Record<OrderColumnKey, string>,
	actorId: number,
	now: number
): Promise<ManualOrderResult> {
	const checked = validateOrderRecord(raw, await orderValidationContext(db, now));
	if (!checked.ok) return { ok: false, errors: Object.fromEntries(checked.errors.map((e) => [e.column, e.code])) };
	const result = await writeOrders(db, [checked.order], { origin: 'manual', actorId, apiKeyId: null }, now);
	if (result.created.length) return { ok: true, id: result.created[0].id };
	return { ok: false, exists: result.same.length ? 'same' : 'changed', orderNo: checked.order.orderNo };
}

/** What the desk operator's form offers: the order types, and the 居民区 to pick by id. */
export const loadOrderForm = async (db: Db) => ({
	orderTypes: ORDER_TYPES.map((t) => t.type),
	communities: (await listCommunityNames(db)).map((c) => ({ id: c.id, name: c.name }))
});
