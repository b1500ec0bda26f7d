// Links between 12345 orders and the grid cases they became or joined (migration 019), and what
// each side shows of the other. The link row is written in the unit of work that appends the
// events on both sides (services/hotline/order-to-case.ts).
import { OPEN_STATUSES } from '$lib/domain/case-status';
import type { Db } from '../db/create-database';
import { CASE_PLACE_COLUMNS } from './case-list';

/** The link row, in the caller's transaction (a second link of one order fails at its unique order_id). */
export async function insertLinkRow(
	trx: Db,
	l: { orderId: number; caseId: number; kind: 'opened' | 'joined'; actorId: number; now: number }
): Promise<void> {
	await trx
		.insertInto('order_case_links')
		.values({ order_id: l.orderId, case_id: l.caseId, kind: l.kind, linked_by: l.actorId, linked_at: l.now })
		.execute();
}

export async function getLinkedCaseId(db: Db, orderId: number): Promise<number | null> {
	const r = await db
		.selectFrom('order_case_links')
		.select('case_id')
		.where('order_id', '=', orderId)
		.executeTakeFirst();
	return r?.case_id ?? null;
}

/** The case an order is linked to, with what the order page shows of its progress. */
export async function getLinkedCase(db: Db, orderId: number) {
	return db
		.selectFrom('order_case_links')
		.innerJoin('cases', 'cases.id', 'order_case_links.case_id')
		.leftJoin('departments', 'departments.id', 'cases.department_id')
		.select([
			'order_case_links.kind',
			'order_case_links.linked_at',
			...CASE_PLACE_COLUMNS,
			'cases.handler_id',
			'cases.reporter_id',
			'cases.deadline_at',
			'cases.stage_started_at',
			'cases.stage_deadline_at',
			'cases.stage_warn_at',
			'cases.closed_at',
			'departments.name as department_name'
		])
		.where('order_case_links.order_id', '=', orderId)
		.executeTakeFirst();
}

/** The orders linked to a case, oldest link first. */
export async function listLinkedOrders(db: Db, caseId: number) {
	return db
		.selectFrom('order_case_links')
		.innerJoin('hotline_orders', 'hotline_orders.id', 'order_case_links.order_id')
		.select([
			'order_case_links.kind',
			'order_case_links.linked_at',
			'hotline_orders.id',
			'hotline_orders.order_no',
			'hotline_orders.status',
			'hotline_orders.deadline_at',
			'hotline_orders.department_id'
		])
		.where('order_case_links.case_id', '=', caseId)
		.orderBy('order_case_links.id')
		.execute();
}

/** The case's outcome: its last accepted 处置反馈 (note and after photos). */
export async function getCaseOutcome(db: Db, caseId: number) {
	const feedback = await db
		.selectFrom('case_events')
		.select(['id', 'note', 'at'])
		.where('case_id', '=', caseId)
		.where('action', 'in', ['feedback', 'self_handle'])
		.orderBy('id', 'desc')
		.limit(1)
		.executeTakeFirst();
	if (!feedback) return { note: null, photos: [] };
	const photos = await db
		.selectFrom('attachments')
		.select(['id', 'width', 'height'])
		.where('event_id', '=', feedback.id)
		.where('kind', '=', 'after')
		.orderBy('created_at')
		.execute();
	return { note: feedback.note, photos };
}

/** Open grid cases of one category in a box around a point (the domain measures the exact distance). */
export async function listOpenCasesNear(db: Db, categoryCode: string, lng: number, lat: number, radiusM: number) {
	const dLat = radiusM / 111_320;
	const dLng = radiusM / (111_320 * Math.cos((lat * Math.PI) / 180));
	return db
		.selectFrom('cases')
		.select(['id', 'code', 'status', 'category_code', 'lng', 'lat', 'reported_at', 'address', 'description'])
		.where('track', '=', 'grid')
		.where('category_code', '=', categoryCode)
		.where('status', 'in', [...OPEN_STATUSES])
		.where('lat', '>=', lat - dLat)
		.where('lat', '<=', lat + dLat)
		.where('lng', '>=', lng - dLng)
		.where('lng', '<=', lng + dLng)
		.orderBy('reported_at', 'desc')
		.limit(50)
		.execute();
}

/** Whether the photo (an after photo of a case) belongs to a case linked to some order: for the order's viewers. */
export async function listOrdersLinkedToPhotoCase(db: Db, caseId: number) {
	return db
		.selectFrom('order_case_links')
		.innerJoin('hotline_orders', 'hotline_orders.id', 'order_case_links.order_id')
		.select(['hotline_orders.department_id'])
		.where('order_case_links.case_id', '=', caseId)
		.execute();
}
