import type { ExpressionBuilder } from 'kysely';
import { REPEAT_WINDOW_MS } from '$lib/domain/hotline-search';
import type { Db } from '../db/create-database';
import type { DB } from '../db/schema';

type OrderEb = ExpressionBuilder<DB, 'hotline_orders'>;

/**
 * 重复来电: an earlier order (within the window before this one) from the same phone or at the same
 * address. Two EXISTS, each a range read of its index (migration 018), never a scan of the orders.
 */
export function isRepeatCall(eb: OrderEb) {
	const earlier = (column: 'phone' | 'address') =>
		eb.exists(
			eb
				.selectFrom('hotline_orders as p')
				.select('p.id')
				.whereRef(`p.${column}`, '=', `hotline_orders.${column}`)
				.where('p.received_at', '>=', eb('hotline_orders.received_at', '-', REPEAT_WINDOW_MS))
				.where((e) =>
					e.or([
						e('p.received_at', '<', e.ref('hotline_orders.received_at')),
						e.and([
							e('p.received_at', '=', e.ref('hotline_orders.received_at')),
							e('p.id', '<', e.ref('hotline_orders.id'))
						])
					])
				)
		);
	return eb.or([eb.and([eb('hotline_orders.phone', 'is not', null), earlier('phone')]), earlier('address')]);
}

/** What a list of orders shows of each: number, state, caller, place, text, when and with whom. */
export const ORDER_ROW_COLUMNS = [
	'hotline_orders.id',
	'hotline_orders.order_no',
	'hotline_orders.status',
	'hotline_orders.citizen_name',
	'hotline_orders.phone',
	'hotline_orders.address',
	'hotline_orders.content',
	'hotline_orders.received_at',
	'hotline_orders.department_id'
] as const;

const LIMIT = 50;

/**
 * The same caller's other orders and the other orders at the same address, received from 90 days
 * before this one on, newest first; each row says which of the two it is (or both). A handler is
 * given only their department's orders and the number of the others.
 */
export async function listRepeatOrders(
	db: Db,
	order: { id: number; phone: string | null; address: string; received_at: number },
	departmentId: number | null
) {
	const since = order.received_at - REPEAT_WINDOW_MS;
	const select = (column: 'phone' | 'address', value: string) =>
		db
			.selectFrom('hotline_orders')
			.leftJoin('departments', 'departments.id', 'hotline_orders.department_id')
			.select([...ORDER_ROW_COLUMNS, 'departments.name as department_name'])
			.where(`hotline_orders.${column}`, '=', value)
			.where('hotline_orders.received_at', '>=', since)
			.where('hotline_orders.id', '<>', order.id)
			.orderBy('hotline_orders.received_at', 'desc')
			.limit(LIMIT)
			.execute();
	const [byPhone, byAddress] = await Promise.all([
		order.phone ? select('phone', order.phone) : Promise.resolve([]),
		order.address.trim() ? select('address', order.address) : Promise.resolve([])
	]);
	const rows = new Map<number, (typeof byPhone)[number] & { sameCaller: boolean; sameAddress: boolean }>();
	for (const r of byPhone) rows.set(r.id, { ...r, sameCaller: true, sameAddress: r.address === order.address });
	for (const r of byAddress) if (!rows.has(r.id)) rows.set(r.id, { ...r, sameCaller: false, sameAddress: true });
	const all = [...rows.values()].sort((a, b) => b.received_at - a.received_at || b.id - a.id);
	const visible = departmentId === null ? all : all.filter((r) => r.department_id === departmentId);
	return { rows: visible, hidden: all.length - visible.length };
}
