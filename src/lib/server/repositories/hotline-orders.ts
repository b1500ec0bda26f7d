import type { ExpressionBuilder } from 'kysely';
import type { HotlineStatus } from '$lib/domain/hotline-status';
import type { StatusCount } from '$lib/domain/work-counts';
import { sqliteHandle, type Db } from '../db/create-database';
import type { DB } from '../db/schema';
import { contains } from './like';
import { planOrderSearch } from '$lib/domain/hotline-search';
import { isRepeatCall, ORDER_ROW_COLUMNS } from './hotline-repeats';
import { insertSealed, type Unsealed } from './sealed';
import { statusCountColumns, toStatusCounts } from './status-counts';

export const HOTLINE_PAGE_SIZE = 20;

import type { HotlineQueue } from '$lib/domain/hotline-queues';
import { orderDepartmentFilter, type Actor, can } from '$lib/domain/access';

export interface HotlineFilters {
	queue: HotlineQueue;
	q?: string;
	/** 重复来电 only (repeat=1). */
	repeat?: boolean;
	page?: number;
}

const OPEN = ['received', 'assigned', 'handling', 'return_requested', 'extension_requested', 'redo'];

type OrderEb = ExpressionBuilder<DB, 'hotline_orders'>;
/** Overdue: the current step's deadline has passed. */
const overdueWhere = (eb: OrderEb, now: number) => eb('hotline_orders.due_at', '<', now);
/** Due soon: 75 % of the current step used, not yet past it. */
const dueSoonWhere = (eb: OrderEb, now: number) =>
	eb.and([eb('hotline_orders.warn_at', '<=', now), eb('hotline_orders.due_at', '>=', now)]);

function baseQuery(db: Db, actor: Actor, f: HotlineFilters, now: number) {
	let q = db.selectFrom('hotline_orders');
	// A handler sees the orders of their department only.
	const departmentId = orderDepartmentFilter(actor);
	if (departmentId !== null) q = q.where('hotline_orders.department_id', '=', departmentId);
	switch (f.queue) {
		case 'awaiting_contact':
			q = q.where('hotline_orders.status', '=', 'handling').where('hotline_orders.contact_outcome', 'is', null);
			break;
		case 'due_soon':
			q = q.where('hotline_orders.status', 'in', OPEN).where((eb) => dueSoonWhere(eb, now));
			break;
		case 'overdue':
			q = q.where('hotline_orders.status', 'in', OPEN).where((eb) => overdueWhere(eb, now));
			break;
		case 'returned':
			q = q.where('hotline_orders.status', 'in', ['return_requested', 'returned']);
			break;
		case 'awaiting_approval':
			q = q.where('hotline_orders.status', 'in', ['return_requested', 'extension_requested']);
			break;
		case 'all':
			break;
	}
	if (f.q) {
		// The caller's full phone or name only for those who may see them (hotline-search.ts says why).
		const s = planOrderSearch(f.q, can(actor, 'hotline.search_personal_data'));
		q = q.where((eb) => {
			const text = [contains(eb.ref('hotline_orders.order_no'), s.text)];
			if (s.textColumns === 'all')
				text.push(
					contains(eb.ref('hotline_orders.content'), s.text),
					contains(eb.ref('hotline_orders.address'), s.text)
				);
			return eb.or([
				...text,
				...(s.phone ? [eb('hotline_orders.phone', '=', s.phone)] : []),
				...(s.name ? [eb('hotline_orders.citizen_name', '=', s.name)] : [])
			]);
		});
	}
	if (f.repeat) q = q.where((eb) => isRepeatCall(eb));
	return q;
}

export async function listOrders(db: Db, actor: Actor, f: HotlineFilters, now: number) {
	const page = Math.max(1, f.page ?? 1);
	const [total, rows] = await Promise.all([
		baseQuery(db, actor, f, now)
			.select(({ fn }) => fn.countAll<number>().as('n'))
			.executeTakeFirstOrThrow(),
		baseQuery(db, actor, f, now)
			.leftJoin('departments', 'departments.id', 'hotline_orders.department_id')
			.select([
				...ORDER_ROW_COLUMNS,
				'hotline_orders.order_type',
				'hotline_orders.urgency',
				'hotline_orders.due_at',
				'hotline_orders.warn_at',
				'hotline_orders.signed_at',
				'hotline_orders.supervised_at',
				'departments.name as department_name'
			])
			.orderBy((eb) => eb.case().when('hotline_orders.due_at', 'is', null).then(1).else(0).end())
			.orderBy('hotline_orders.due_at', 'asc')
			.orderBy('hotline_orders.id', 'desc')
			.limit(HOTLINE_PAGE_SIZE)
			.offset((page - 1) * HOTLINE_PAGE_SIZE)
			.execute()
	]);
	const n = Number(total.n);
	// Flagged for the page's rows only, after the sort (in the select list it would run for every row sorted).
	const repeats = new Set(
		rows.length
			? (
					await db
						.selectFrom('hotline_orders')
						.select('id')
						.where(
							'id',
							'in',
							rows.map((r) => r.id)
						)
						.where((eb) => isRepeatCall(eb))
						.execute()
				).map((r) => r.id)
			: []
	);
	return {
		rows: rows.map((r) => ({ ...r, is_repeat: repeats.has(r.id) })),
		total: n,
		page,
		pageCount: Math.max(1, Math.ceil(n / HOTLINE_PAGE_SIZE))
	};
}

/**
 * Orders in the given statuses ("my tasks"), of one department when given, nearest step deadline
 * first (none last). Only what the task list shows: never the citizen's name or phone.
 */
export async function listOrdersWaiting(db: Db, statuses: readonly string[], departmentId: number | null) {
	if (!statuses.length) return [];
	let q = db
		.selectFrom('hotline_orders')
		.leftJoin('communities', 'communities.id', 'hotline_orders.community_id')
		.leftJoin('categories', 'categories.code', 'hotline_orders.category_code')
		.select([
			'hotline_orders.id',
			'hotline_orders.order_no',
			'hotline_orders.order_type',
			'hotline_orders.status',
			'hotline_orders.resume_status',
			'hotline_orders.contact_outcome',
			'hotline_orders.address',
			'hotline_orders.received_at',
			'hotline_orders.signed_at',
			'hotline_orders.due_at',
			'hotline_orders.warn_at',
			'hotline_orders.supervised_at',
			'communities.name as community_name',
			'categories.minor as category_name',
			'categories.variant as category_variant'
		])
		.where('hotline_orders.status', 'in', [...statuses]);
	if (departmentId !== null) q = q.where('hotline_orders.department_id', '=', departmentId);
	return q
		.orderBy((eb) => eb.case().when('hotline_orders.due_at', 'is', null).then(1).else(0).end())
		.orderBy('hotline_orders.due_at', 'asc')
		.orderBy('hotline_orders.id', 'asc')
		.limit(200)
		.execute();
}

/** The orders this person sees in these statuses, counted per status with the due-soon and overdue queues' conditions. */
export async function countOrdersByStatus(
	db: Db,
	actor: Actor,
	statuses: readonly HotlineStatus[],
	now: number
): Promise<StatusCount[]> {
	if (!statuses.length) return [];
	const rows = await baseQuery(db, actor, { queue: 'all' }, now)
		.select((eb) => ['hotline_orders.status', ...statusCountColumns(eb, overdueWhere(eb, now), dueSoonWhere(eb, now))])
		.where('hotline_orders.status', 'in', statuses)
		.groupBy('hotline_orders.status')
		.execute();
	return toStatusCounts(rows);
}

export async function getOrderDetail(db: Db, id: number) {
	return db
		.selectFrom('hotline_orders')
		.leftJoin('departments', 'departments.id', 'hotline_orders.department_id')
		.leftJoin('communities', 'communities.id', 'hotline_orders.community_id')
		.leftJoin('categories', 'categories.code', 'hotline_orders.category_code')
		.selectAll('hotline_orders')
		.select([
			'departments.name as department_name',
			'communities.name as community_name',
			'categories.minor as category_name'
		])
		.where('hotline_orders.id', '=', id)
		.executeTakeFirst();
}

/** The stored row of one order, as the write services read it before deciding. */
export async function getOrderRow(db: Db, id: number) {
	return db.selectFrom('hotline_orders').selectAll().where('id', '=', id).executeTakeFirst();
}

/** 退单 evidence and the like, sealed in the order's attachment chain; inside the caller's transaction. */
export function insertOrderAttachments(trx: Db, files: Unsealed<'hotline_attachments'>[]): Promise<void> {
	return insertSealed(trx, 'hotline_attachments', files);
}

/** The stored files of an order's first photos (those a case opened from it carries over). */
export async function listOrderPhotoFiles(db: Db, orderId: number, limit: number) {
	return db
		.selectFrom('hotline_attachments')
		.select(['id', 'path'])
		.where('order_id', '=', orderId)
		.orderBy('created_at')
		.limit(limit)
		.execute();
}

export async function listOrderEvents(db: Db, orderId: number) {
	return db
		.selectFrom('hotline_events')
		.leftJoin('users', 'users.id', 'hotline_events.actor_id')
		.leftJoin('api_keys', 'api_keys.id', 'hotline_events.api_key_id')
		.select([
			'hotline_events.id',
			'hotline_events.at',
			'hotline_events.action',
			'hotline_events.from_status',
			'hotline_events.to_status',
			'hotline_events.note',
			'hotline_events.payload',
			'users.display_name as actor_name',
			'users.role as actor_role',
			'api_keys.name as api_key_name'
		])
		.where('hotline_events.order_id', '=', orderId)
		.orderBy('hotline_events.id')
		.execute();
}

export async function listOrderAttachments(db: Db, orderId: number) {
	return db.selectFrom('hotline_attachments').select(['id', 'event_id']).where('order_id', '=', orderId).execute();
}

/** Every order of a list, in id order, a page at a time (exports stream; memory stays flat). */
/** One 退单 evidence file with the department of its order (whoever may see the order may see it). */
export async function getOrderAttachment(db: Db, id: string) {
	return db
		.selectFrom('hotline_attachments')
		.innerJoin('hotline_orders', 'hotline_orders.id', 'hotline_attachments.order_id')
		.select(['hotline_attachments.path', 'hotline_orders.department_id'])
		.where('hotline_attachments.id', '=', id)
		.executeTakeFirst();
}

export async function* iterateOrders(db: Db, actor: Actor, f: HotlineFilters, now: number) {
	let after = 0;
	for (;;) {
		const page = await baseQuery(db, actor, f, now)
			.leftJoin('departments', 'departments.id', 'hotline_orders.department_id')
			.leftJoin('communities', 'communities.id', 'hotline_orders.community_id')
			.selectAll('hotline_orders')
			.select(['departments.name as department_name', 'communities.name as community_name'])
			.where('hotline_orders.id', '>', after)
			.orderBy('hotline_orders.id')
			.limit(1000)
			.execute();
		if (!page.length) return;
		yield* page;
		after = page[page.length - 1].id;
	}
}

/**
 * On SQLite, one prepared statement for a batch of 工单号 handed over as one JSON array (faster than
 * a look-up per order, and than IN (…) queries built by Kysely): the stored fingerprints of those
 * already here. Null on any other dialect (findFingerprints serves it).
 */
export function fingerprintsLookup(db: Db): ((orderNos: string[]) => Map<string, string>) | null {
	const statement = sqliteHandle(db)
		?.prepare('SELECT order_no, fingerprint FROM hotline_orders WHERE order_no IN (SELECT value FROM json_each(?))')
		.raw();
	if (!statement) return null;
	return (orderNos) => new Map(statement.all(JSON.stringify(orderNos)) as [string, string][]);
}
