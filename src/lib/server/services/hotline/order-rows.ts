// A new 12345 order as it is stored and as the statistics first count it: made from the checked
// order alone (the workflow's first state and clocks), with no database at hand, so an import can
// make its rows on a worker thread (import-prepare.ts).
import type { OrderInput } from '$lib/domain/hotline-order-input';
import { hotlineStageDeadline, openHotlineOrder } from '$lib/domain/hotline-workflow';
import type { WorkCalendar } from '$lib/domain/working-days';
import type { NewOrderRow } from '../../repositories/hotline-order-writes';
import type { StatRows } from '../../repositories/stat-rows';

/** Where an order came from and who brought it in, as the stored row records it. */
export interface OrderOrigin {
	origin: 'api' | 'file' | 'manual';
	importId: number | null;
	now: number;
	calendar: WorkCalendar;
}

/** The stored row of a new order: its first state and clocks come from the workflow; it keeps the 片区 its 居民区 is in on receipt. */
export function newOrderRow(
	order: OrderInput,
	fingerprint: string,
	from: OrderOrigin,
	areaOf: ReadonlyMap<number, number>
): NewOrderRow {
	const state = openHotlineOrder(
		{
			receivedAt: order.receivedAt,
			orderLimit: order.orderLimit,
			hasPhone: order.phone !== null,
			dueAt: order.dueAt ?? null
		},
		from.calendar
	);
	return {
		order_no: order.orderNo,
		channel: order.channel,
		order_type: order.orderTypeCode,
		urgency: order.urgency,
		citizen_name: order.citizenName,
		phone: order.phone,
		has_phone: state.hasPhone ? 1 : 0,
		address: order.address,
		lng: order.lng,
		lat: order.lat,
		content: order.content,
		received_at: order.receivedAt,
		category_code: order.categoryCode,
		community_id: order.communityId,
		area_id: order.communityId === null ? null : (areaOf.get(order.communityId) ?? null),
		status: state.status,
		limit_value: order.orderLimit.value,
		limit_unit: order.orderLimit.unit,
		deadline_at: state.deadlineAt,
		due_at: hotlineStageDeadline(state),
		warn_at: state.warnAt,
		fingerprint,
		origin: from.origin,
		import_id: from.importId,
		created_at: from.now,
		updated_at: from.now
	};
}

/** A new order as the statistics read it: what it has on receipt, nothing yet of what comes later. */
export const orderStatsRow = (r: NewOrderRow): StatRows['orders'][number] => ({
	id: 0,
	order_no: r.order_no,
	status: r.status,
	category_code: r.category_code ?? null,
	community_id: r.community_id ?? null,
	area_id: r.area_id ?? null,
	department_id: r.department_id ?? null,
	received_at: r.received_at,
	has_phone: r.has_phone ?? 0,
	contact_outcome: r.contact_outcome ?? null,
	first_contact_due_at: r.first_contact_due_at ?? null,
	first_contact_at: r.first_contact_at ?? null,
	return_approved_at: r.return_approved_at ?? null,
	deadline_at: r.deadline_at ?? null,
	first_reply_at: r.first_reply_at ?? null,
	satisfaction: r.satisfaction ?? null,
	completed_at: r.completed_at ?? null
});
