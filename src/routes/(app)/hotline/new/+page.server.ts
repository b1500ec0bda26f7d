import { fail, redirect } from '@sveltejs/kit';
import { ORDER_COLUMN_KEYS, validateOrderRecord, type OrderColumnKey } from '$lib/domain/hotline-order-input';
import { getDb } from '$lib/server/db';
import { refill, text } from '$lib/server/form';
import { loadCalendar } from '$lib/server/repositories/calendar';
import { ORDER_TYPES, orderValidationContext } from '$lib/server/repositories/hotline-reference';
import { ingestOrders } from '$lib/server/services/hotline/ingest';
import type { Actions, PageServerLoad } from './$types';
import { requireCan } from '$lib/server/auth/gate';

export const load: PageServerLoad = async (event) => {
	requireCan(event, 'hotline.create');
	const communities = await getDb().selectFrom('communities').select(['id', 'name']).orderBy('id').execute();
	return { orderTypes: ORDER_TYPES.map((t) => t.type), communities };
};

export const actions: Actions = {
	default: async (event) => {
		const actor = requireCan(event, 'hotline.create');
		const form = await event.request.formData();
		const raw = Object.fromEntries(ORDER_COLUMN_KEYS.map((k) => [k, text(form, k)])) as Record<OrderColumnKey, string>;
		const values = Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, refill(v)]));
		const db = getDb();
		const now = Date.now();
		const checked = validateOrderRecord(raw, await orderValidationContext(db, now));
		if (!checked.ok) return fail(400, { values, errors: Object.fromEntries(checked.errors.map((e) => [e.column, e.code])) });
		const calendar = await loadCalendar(db);
		const result = await db.transaction().execute((trx) =>
			ingestOrders(trx, [checked.order], { origin: 'manual', importId: null, actorId: actor.id, apiKeyId: null, now, calendar })
		);
		if (result.created.length) redirect(303, `/hotline/${result.created[0].id}?done=receive`);
		// Entering an order that is already here never duplicates it.
		return fail(409, { values, errors: {}, exists: result.same.length ? ('same' as const) : ('changed' as const), orderNo: checked.order.orderNo });
	}
};
