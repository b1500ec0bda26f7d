// The 12345 order lists: the filtered list and its pages, the task list, the work counts by status
// and the export's walk through every order of a filter. A list sorted by deadline picks its page's
// ids from the (status, due_at, warn_at) index first and reads only those rows and their joins: with
// 300,000 open orders, joining every row before the sort took 0.6 s of the app's thread per page.
import { sql, type ExpressionBuilder } from 'kysely';
import type { HotlineQueue } from '$lib/domain/hotline-queues';
import type { HotlineStatus } from '$lib/domain/hotline-status';
import type { StatusCount } from '$lib/domain/work-counts';
import { orderDepartmentFilter, type Actor, can } from '$lib/domain/access';
import { planOrderSearch } from '$lib/domain/hotline-search';
import type { Db } from '../db/create-database';
import type { DB } from '../db/schema';
import { isRepeatCall, ORDER_ROW_COLUMNS } from './hotline-repeats';
import { contains } from './like';
import { statusCountColumns, toStatusCounts } from './status-counts';

export const HOTLINE_PAGE_SIZE = 20;

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

/** Nearest step deadline first, none last; then by id (one ORDER BY of three keys, for any query of the orders). */
const byDeadline = (ids: 'asc' | 'desc') =>
	sql.raw(
		`case when hotline_orders.due_at is null then 1 else 0 end, hotline_orders.due_at asc, hotline_orders.id ${ids}`
	);

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
		db
			.selectFrom('hotline_orders')
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
			.where(
				'hotline_orders.id',
				'in',
				baseQuery(db, actor, f, now)
					.select('hotline_orders.id')
					.orderBy(byDeadline('desc'))
					.limit(HOTLINE_PAGE_SIZE)
					.offset((page - 1) * HOTLINE_PAGE_SIZE)
			)
			.orderBy(byDeadline('desc'))
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
	let ids = db
		.selectFrom('hotline_orders')
		.select('hotline_orders.id')
		.where('hotline_orders.status', 'in', [...statuses]);
	if (departmentId !== null) ids = ids.where('hotline_orders.department_id', '=', departmentId);
	return db
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
		.where('hotline_orders.id', 'in', ids.orderBy(byDeadline('asc')).limit(200))
		.orderBy(byDeadline('asc'))
		.execute();
}

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
