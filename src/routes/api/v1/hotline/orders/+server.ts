import { json } from '@sveltejs/kit';
import { apiKeyOf, cappedBody, problem } from '$lib/server/api-answers';
import { getDb } from '$lib/server/db';
import { receiveApiOrders } from '$lib/server/services/hotline/receive-orders';
import type { RequestHandler } from './$types';

const MAX_ORDERS = 1000;
const MAX_BODY = 5 * 1024 * 1024;

/**
 * The city 12345 platform pushes orders here: one order object, or `{ "orders": [...] }`.
 * Authorised by an API key; all or nothing per request; idempotent by 工单号. The answer never
 * echoes personal data.
 */
export const POST: RequestHandler = async ({ request }) => {
	const db = getDb();
	const now = Date.now();
	const key = await apiKeyOf(db, request, 'hotline', now);
	if (key instanceof Response) return key;
	const bytes = await cappedBody(request, MAX_BODY);
	if (bytes instanceof Response) return bytes;
	let body: unknown;
	try {
		body = JSON.parse(new TextDecoder().decode(bytes));
	} catch {
		return problem(400, 'invalid_json', 'The body is not valid JSON');
	}
	const list = Array.isArray((body as { orders?: unknown })?.orders) ? (body as { orders: unknown[] }).orders : [body];
	if (list.length === 0 || list.length > MAX_ORDERS)
		return problem(400, 'batch_size', `Send 1 to ${MAX_ORDERS} orders`);

	const received = await receiveApiOrders(db, list, key.id, now);
	if (!received.ok && received.code === 'invalid_type')
		return problem(
			400,
			'invalid_type',
			`Each order is an object whose fields are text (lng, lat and phone may be numbers); wrong type: ${received.named}`,
			{ orders: received.orders }
		);
	if (!received.ok)
		return problem(422, 'invalid_orders', 'Some orders are invalid; nothing was written', { orders: received.orders });
	const result = received.result;
	return json({
		created: result.created.map((c) => c.orderNo),
		unchanged: result.same,
		changed: result.changed,
		note: result.changed.length ? 'Changed orders were not overwritten; the street reviews them.' : undefined
	});
};
