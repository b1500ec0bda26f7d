import { json } from '@sveltejs/kit';
import { ORDER_COLUMN_KEYS, validateOrderRecord, type OrderColumnKey, type OrderInput } from '$lib/domain/hotline-order-input';
import { verifyApiKey } from '$lib/server/auth/api-keys';
import { getDb } from '$lib/server/db';
import { readCapped } from '$lib/server/read-capped';
import { loadCalendar } from '$lib/server/repositories/calendar';
import { orderValidationContext } from '$lib/server/repositories/hotline-reference';
import { ingestOrders } from '$lib/server/services/hotline/ingest';
import type { RequestHandler } from './$types';

const MAX_ORDERS = 1000;
const MAX_BODY = 5 * 1024 * 1024;

const problem = (status: number, code: string, message: string, extra: Record<string, unknown> = {}) =>
	json({ error: { code, message, ...extra } }, { status });

/**
 * The city 12345 platform pushes orders here: one order object, or `{ "orders": [...] }`.
 * Authorised by an API key; all or nothing per request; idempotent by 工单号. The answer never
 * echoes personal data.
 */
export const POST: RequestHandler = async ({ request }) => {
	const db = getDb();
	const now = Date.now();
	const key = await verifyApiKey(db, request.headers.get('authorization'), now);
	if (!key.ok) return problem(401, `api_key_${key.reason}`, key.reason === 'revoked' ? 'API key has been revoked' : 'A valid API key is required (Authorization: Bearer gck_…)');
	if (key.integration !== 'hotline') return problem(403, 'wrong_integration', 'This API key belongs to another integration; use a hotline-order key');
	if (Number(request.headers.get('content-length') ?? 0) > MAX_BODY) return problem(413, 'too_large', `At most ${MAX_BODY} bytes per request`);
	// Counted as it arrives: a chunked body has no length to check beforehand.
	const bytes = await readCapped(request.body, MAX_BODY);
	if (!bytes) return problem(413, 'too_large', `At most ${MAX_BODY} bytes per request`);
	let body: unknown;
	try {
		body = JSON.parse(new TextDecoder().decode(bytes));
	} catch {
		return problem(400, 'invalid_json', 'The body is not valid JSON');
	}
	const list = Array.isArray((body as { orders?: unknown })?.orders) ? (body as { orders: unknown[] }).orders : [body];
	if (list.length === 0 || list.length > MAX_ORDERS) return problem(400, 'batch_size', `Send 1 to ${MAX_ORDERS} orders`);

	const mistyped = list.flatMap((item, index) => {
		const fields = wrongTypes(item);
		return fields.length ? [{ index, fields }] : [];
	});
	if (mistyped.length) {
		const named = [...new Set(mistyped.flatMap((m) => m.fields))].join(', ');
		return problem(400, 'invalid_type', `Each order is an object whose fields are text (lng, lat and phone may be numbers); wrong type: ${named}`, { orders: mistyped });
	}

	const ctx = await orderValidationContext(db, now);
	const valid: OrderInput[] = [];
	const invalid: { index: number; orderNo: string | null; errors: { field: OrderColumnKey; code: string }[] }[] = [];
	const seen = new Set<string>();
	list.forEach((item, index) => {
		const raw = toRecord(item);
		const checked = validateOrderRecord(raw, ctx);
		if (!checked.ok) invalid.push({ index, orderNo: raw.orderNo ?? null, errors: checked.errors.map((e) => ({ field: e.column, code: e.code })) });
		else if (seen.has(checked.order.orderNo)) invalid.push({ index, orderNo: checked.order.orderNo, errors: [{ field: 'orderNo', code: 'duplicate_in_request' }] });
		else {
			seen.add(checked.order.orderNo);
			valid.push(checked.order);
		}
	});
	if (invalid.length) return problem(422, 'invalid_orders', 'Some orders are invalid; nothing was written', { orders: invalid });

	const calendar = await loadCalendar(db);
	const result = await db.transaction().execute((trx) =>
		ingestOrders(trx, valid, { origin: 'api', importId: null, actorId: null, apiKeyId: key.id, now, calendar })
	);
	return json({
		created: result.created.map((c) => c.orderNo),
		unchanged: result.same,
		changed: result.changed,
		note: result.changed.length ? 'Changed orders were not overwritten; the street reviews them.' : undefined
	});
};

const NUMBER_FIELDS: ReadonlySet<OrderColumnKey> = new Set(['lng', 'lat', 'phone']);

/** The fields of `item` sent with a type the API does not take (an array, an object, true…); null counts as absent. */
function wrongTypes(item: unknown): string[] {
	if (!item || typeof item !== 'object' || Array.isArray(item)) return ['(order)'];
	return ORDER_COLUMN_KEYS.filter((key) => {
		const v = (item as Record<string, unknown>)[key];
		return !(v === undefined || v === null || typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v) && NUMBER_FIELDS.has(key)));
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
