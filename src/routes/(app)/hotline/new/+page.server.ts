import { fail, redirect } from '@sveltejs/kit';
import { ORDER_COLUMN_KEYS, type OrderColumnKey } from '$lib/domain/hotline-order-input';
import { getDb } from '$lib/server/db';
import { refill, text } from '$lib/server/form';
import { loadOrderForm, receiveManualOrder } from '$lib/server/services/hotline/receive-orders';
import type { Actions, PageServerLoad } from './$types';
import { requireCan } from '$lib/server/auth/gate';

export const load: PageServerLoad = async (event) => {
	requireCan(event, 'hotline.create');
	return loadOrderForm(getDb());
};

export const actions: Actions = {
	default: async (event) => {
		const actor = requireCan(event, 'hotline.create');
		const form = await event.request.formData();
		const raw = Object.fromEntries(ORDER_COLUMN_KEYS.map((k) => [k, text(form, k)])) as Record<OrderColumnKey, string>;
		const values = Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, refill(v)]));
		const received = await receiveManualOrder(getDb(), raw, actor.id, Date.now());
		if (received.ok) redirect(303, `/hotline/${received.id}?done=receive`);
		if ('errors' in received) return fail(400, { values, errors: received.errors });
		// Entering an order that is already here never duplicates it.
		return fail(409, { values, errors: {}, exists: received.exists, orderNo: received.orderNo });
	}
};
