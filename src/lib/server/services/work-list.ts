// "My tasks": the grid cases and the 12345 orders waiting on this person, as one list in
// deadline order; and 我上报的, the cases they reported. Rows become WorkItems here, so nothing but
// what the list shows leaves the server (no citizen name or phone is ever read).
import { OPEN_STATUSES } from '$lib/domain/case-status';
import { categoryLabel } from '$lib/domain/category-search';
import { hotlineStep } from '$lib/domain/hotline-stages';
import type { ContactOutcome, HotlineStatus } from '$lib/domain/hotline-status';
import { orderTaskStatuses, taskFilter, taskStatuses } from '$lib/domain/tasks';
import { sortWorkItems, type WorkItem } from '$lib/domain/work-items';
import type { Db } from '../db/create-database';
import { listReportedCases, listTasks } from '../repositories/cases';
import { listOrdersWaiting } from '../repositories/hotline-order-lists';
import { orderTypeName } from '$lib/labels';
import { orderDepartmentFilter, viewScope, type Actor, can } from '$lib/domain/access';

type CaseSummary = Awaited<ReturnType<typeof listReportedCases>>['rows'][number];
type OrderSummary = Awaited<ReturnType<typeof listOrdersWaiting>>[number];

export function caseWorkItem(row: CaseSummary): WorkItem {
	return {
		kind: 'case',
		id: row.id,
		code: row.code,
		status: row.status,
		category: categoryLabel({ minor: row.category_name, variant: row.category_variant }),
		place: `${row.area_name} · ${row.community_name}`,
		startedAt: row.stage_started_at,
		deadlineAt: row.stage_deadline_at,
		warnAt: row.stage_warn_at,
		paused: row.status === 'parked',
		finished: row.status === 'closed' || row.status === 'void',
		supervised: row.supervised === 1
	};
}

export function orderWorkItem(row: OrderSummary): WorkItem {
	const step = hotlineStep({
		status: row.status as HotlineStatus,
		resumeStatus: row.resume_status as HotlineStatus | null,
		contactOutcome: row.contact_outcome as ContactOutcome | null
	});
	return {
		kind: 'order',
		id: row.id,
		code: row.order_no,
		status: row.status,
		category: row.category_name
			? categoryLabel({ minor: row.category_name, variant: row.category_variant })
			: orderTypeName(row.order_type),
		place: row.community_name ?? row.address,
		// 先行联系 runs from 签收; the 办结 clock from receipt (the yellow instant is kept with the order).
		startedAt: step === 'first_contact' && row.signed_at !== null ? row.signed_at : row.received_at,
		deadlineAt: row.due_at,
		warnAt: row.warn_at,
		paused: false,
		finished: row.status === 'completed' || row.status === 'returned',
		supervised: row.supervised_at !== null
	};
}

/** Cases and orders waiting on this person, nearest deadline first. */
export async function loadWorkList(db: Db, actor: Actor): Promise<WorkItem[]> {
	// A handler's orders are their department's; with no department, none (as on /hotline).
	const orderStatuses = can(actor, 'hotline.view') ? orderTaskStatuses(actor.role) : [];
	const departmentId = orderDepartmentFilter(actor);
	const [caseRows, orderRows] = await Promise.all([
		listTasks(db, viewScope(actor), taskStatuses(actor.role), taskFilter(actor)),
		listOrdersWaiting(db, orderStatuses, departmentId)
	]);
	return sortWorkItems([...caseRows.map(caseWorkItem), ...orderRows.map(orderWorkItem)]);
}

/** 我上报的: newest first, each with the time it was reported. */
export async function loadReportedList(db: Db, actor: Actor, page: number) {
	const result = await listReportedCases(db, viewScope(actor), actor.id, page);
	return { ...result, rows: result.rows.map((r) => ({ ...caseWorkItem(r), reportedAt: r.reported_at })) };
}

/**
 * The 我的任务 page: the work waiting on this person (and, for leadership, the open cases they urged),
 * or 我上报的 for those who report; anyone else asking for that view gets their tasks.
 */
export async function loadTasksPage(db: Db, actor: Actor, view: string | null, page: number, now: number) {
	const canReport = can(actor, 'case.report');
	if (canReport && view === 'reported') {
		const reported = await loadReportedList(db, actor, page);
		return { view: 'reported' as const, canReport, reported, items: [], withOrders: false, supervised: [], now };
	}
	const [items, supervised] = await Promise.all([
		loadWorkList(db, actor),
		can(actor, 'case.supervise')
			? listTasks(db, viewScope(actor), [...OPEN_STATUSES], { supervisedOnly: true })
			: Promise.resolve([])
	]);
	const withOrders = can(actor, 'hotline.view') && orderTaskStatuses(actor.role).length > 0;
	return { view: 'tasks' as const, canReport, reported: null, items, withOrders, supervised, now };
}
