import {
	validateOrderRecord,
	type OrderColumnKey,
	type OrderInput,
	type OrderValidationContext
} from '$lib/domain/hotline-order-input';

/** A valid order as the validator makes it from a file row or an API push: a 投诉 about 古美路 1000 弄, changed by `raw`. */
export function validOrder(
	ctx: OrderValidationContext,
	orderNo: string,
	raw: Partial<Record<OrderColumnKey, string>> = {}
): OrderInput {
	const r = validateOrderRecord(
		{
			orderNo,
			channel: '12345热线',
			orderType: '投诉',
			citizenName: '张三',
			phone: '13812345678',
			address: '古美路 1000 弄',
			content: '楼道堆物',
			receivedAt: '2026-09-28 09:15',
			...raw
		},
		ctx
	);
	if (!r.ok) throw new Error(JSON.stringify(r.errors));
	return r.order;
}
