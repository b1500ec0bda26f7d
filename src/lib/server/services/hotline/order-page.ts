// One 12345 order as its page shows it: the order (masked as this actor may see it), its timing
// judgements, history, evidence, city updates, repeat calls, the linked grid case, and what this
// actor may do next.
import { can, orderDepartmentFilter, type Actor } from '$lib/domain/access';
import { HOTLINE_RETURN_REASONS, isHotlineStatus } from '$lib/domain/hotline-status';
import { judgeCompletion, judgeFirstContact } from '$lib/domain/hotline-timing';
import { hotlineActionsInState } from '$lib/domain/hotline-workflow';
import { orderTypeName } from '$lib/labels';
import { assertCan } from '../../auth/gate';
import type { Db } from '../../db/create-database';
import { listOrderCityUpdates } from '../../repositories/city-outbox';
import { getOrderDetail, listOrderAttachments, listOrderEvents } from '../../repositories/hotline-orders';
import { listRepeatOrders } from '../../repositories/hotline-repeats';
import { listCommunityNames, listDepartments } from '../../repositories/reference';
import { toHotlineState } from '../hotline-mapping';
import { orderCaseView } from './order-case-view';
import { presentOrder } from './present';
import { parsePayload } from '../event-payload';

/** The page's data; null when there is no such order, 403 when it is another department's. */
export async function loadOrderPage(db: Db, actor: Actor, id: number, now: number) {
	const row = await getOrderDetail(db, id);
	if (!row) return null;
	assertCan(actor, 'hotline.view', { departmentId: row.department_id });
	const status = isHotlineStatus(row.status) ? row.status : 'completed';
	const actions = hotlineActionsInState(status).filter((a) =>
		can(actor, `hotline.${a}`, { departmentId: row.department_id })
	);
	const state = toHotlineState(row);
	const [events, evidence, departments, gridCase, cityUpdates, repeats, communities] = await Promise.all([
		listOrderEvents(db, row.id),
		listOrderAttachments(db, row.id),
		actions.includes('assign') ? listDepartments(db) : Promise.resolve([]),
		orderCaseView(db, actor, row),
		listOrderCityUpdates(db, row.id),
		// A handler sees only their department's orders here too; the others are counted, not shown.
		listRepeatOrders(db, row, orderDepartmentFilter(actor)),
		can(actor, 'hotline.set_community') ? listCommunityNames(db) : Promise.resolve(null)
	]);
	return {
		order: { ...presentOrder(row, actor), order_type_label: orderTypeName(row.order_type) },
		judgements: { firstContact: judgeFirstContact(state, now), completion: judgeCompletion(state, now) },
		events: events.map(parsePayload),
		evidence,
		cityUpdates,
		repeats: { rows: repeats.rows.map((r) => presentOrder(r, actor)), hidden: repeats.hidden },
		actions,
		departments,
		communities,
		returnReasons: HOTLINE_RETURN_REASONS,
		gridCase,
		now
	};
}
