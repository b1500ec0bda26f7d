// The statistics rows of chosen cases, orders and enforcement cases, with every column the judges
// read (a superset of each period loader's row). Used to keep the counts in step with each write, to
// rebuild them, and to judge live the work whose verdict still waits on the clock.
import { OPEN_HOTLINE_STATUSES } from '$lib/domain/hotline-status';
import type { ExpressionBuilder } from 'kysely';
import type { Db } from '../db/create-database';
import type { DB } from '../db/schema';
import { dueIn, type Span } from './stat-span';

type Eb = ExpressionBuilder<DB, 'hotline_orders'>;

export type StatKind = 'case' | 'order' | 'enforcement';

/** What every count of grid cases reads. */
export const GRID_COLUMNS = [
	'cases.id',
	'cases.code',
	'cases.status',
	'cases.source',
	'cases.category_code',
	'cases.area_id',
	'cases.community_id',
	'cases.department_id',
	'cases.reporter_id',
	'cases.reported_at',
	'cases.dispatched_at',
	'cases.closed_at',
	'cases.rework_count'
] as const;

/** What the on-time judgements add: the deadlines and the steps of the handling. */
export const GRID_DEADLINE_COLUMNS = [
	'cases.deadline_at',
	'cases.efficient_deadline_at',
	'cases.feedback_at',
	'cases.handle_value',
	'cases.stage_deadline_at'
] as const;

/** Whether the case was granted more time (延期率 counts it). */
export const extended = (eb: ExpressionBuilder<DB, 'cases'>) =>
	eb
		.exists(
			eb
				.selectFrom('case_events')
				.select('case_events.id')
				.whereRef('case_events.case_id', '=', 'cases.id')
				.where('case_events.action', '=', 'approve_extension')
		)
		.as('extended');

const gridQuery = (db: Db) =>
	db.selectFrom('cases').select((eb) => [...GRID_COLUMNS, ...GRID_DEADLINE_COLUMNS, 'cases.supervised', extended(eb)]);

/** The columns the 12345 rates read (shared with the period loader in stats.ts). */
export const orderStatsQuery = (db: Db) =>
	db
		.selectFrom('hotline_orders')
		.select([
			'hotline_orders.id',
			'hotline_orders.order_no',
			'hotline_orders.status',
			'hotline_orders.category_code',
			'hotline_orders.community_id',
			'hotline_orders.area_id',
			'hotline_orders.department_id',
			'hotline_orders.received_at',
			'hotline_orders.has_phone',
			'hotline_orders.contact_outcome',
			'hotline_orders.first_contact_due_at',
			'hotline_orders.first_contact_at',
			'hotline_orders.return_approved_at',
			'hotline_orders.deadline_at',
			'hotline_orders.first_reply_at',
			'hotline_orders.satisfaction',
			'hotline_orders.completed_at'
		]);

export const enforcementStatsQuery = (db: Db) =>
	db
		.selectFrom('enforcement_cases')
		.select([
			'id',
			'code',
			'status',
			'outcome',
			'category_code',
			'area_id',
			'community_id',
			'created_at',
			'closed_at',
			'fine'
		]);

export interface StatRows {
	grid: Awaited<ReturnType<ReturnType<typeof gridQuery>['execute']>>;
	orders: Awaited<ReturnType<ReturnType<typeof orderStatsQuery>['execute']>>;
	enforcement: Awaited<ReturnType<ReturnType<typeof enforcementStatsQuery>['execute']>>;
}

export const noRows = (): StatRows => ({ grid: [], orders: [], enforcement: [] });

/** The rows of the given ids of one kind (any number of ids; read in slices). */
export async function statRowsById(db: Db, kind: StatKind, ids: readonly number[]): Promise<StatRows> {
	const out = noRows();
	for (let i = 0; i < ids.length; i += 500) {
		const slice = ids.slice(i, i + 500);
		if (kind === 'case') out.grid.push(...(await gridQuery(db).where('cases.id', 'in', slice).execute()));
		else if (kind === 'order')
			out.orders.push(...(await orderStatsQuery(db).where('hotline_orders.id', 'in', slice).execute()));
		else out.enforcement.push(...(await enforcementStatsQuery(db).where('id', 'in', slice).execute()));
	}
	return out;
}

/** Rows with ids in [fromId, toId) of one kind: the rebuild walks every table this way. */
export async function statRowsInIdRange(db: Db, kind: StatKind, fromId: number, toId: number): Promise<StatRows> {
	const out = noRows();
	if (kind === 'case')
		out.grid = await gridQuery(db).where('cases.id', '>=', fromId).where('cases.id', '<', toId).execute();
	else if (kind === 'order')
		out.orders = await orderStatsQuery(db)
			.where('hotline_orders.id', '>=', fromId)
			.where('hotline_orders.id', '<', toId)
			.execute();
	else out.enforcement = await enforcementStatsQuery(db).where('id', '>=', fromId).where('id', '<', toId).execute();
	return out;
}

export async function maxStatId(db: Db, kind: StatKind): Promise<number> {
	const table = kind === 'case' ? 'cases' : kind === 'order' ? 'hotline_orders' : 'enforcement_cases';
	const r = await db
		.selectFrom(table)
		.select((eb) => eb.fn.max<number | null>('id').as('max'))
		.executeTakeFirst();
	return r?.max ?? 0;
}

/**
 * The work whose judgement can still change by time alone, with a deadline in the span: grid cases
 * not yet closed, void or parked whose deadline is after `now` (or whose in-time 处置反馈 waits for a
 * 核查 not yet due, which may fall after the span), and open 12345 orders whose first-contact or 办结
 * deadline is after `now`.
 */
export async function statRowsAwaitingClock(db: Db, s: Span, now: number): Promise<StatRows> {
	// A deadline in the span (from, to] that has not passed: at `now` itself the work is still in time.
	const inSpan = (column: 'hotline_orders.first_contact_due_at' | 'hotline_orders.deadline_at') => (eb: Eb) =>
		eb.and([dueIn(eb, column, s), eb(column, '>=', now)]);
	// Two reads that do not overlap, each a range on an index (deadline_at; status + stage_deadline_at).
	// One read with OR between them walks every deadline of the span, all of a past year's cases.
	const open = () =>
		gridQuery(db)
			.where((eb) => dueIn(eb, 'cases.deadline_at', s))
			.where('cases.status', 'not in', ['closed', 'void', 'parked']);
	// One lower bound, the later of the two: given both, SQLite ranges over one and filters the rest,
	// which for a past year is every case of it.
	const beforeDeadline =
		now > s.toMs
			? []
			: await gridQuery(db)
					.where('cases.deadline_at', now > s.fromMs ? '>=' : '>', Math.max(now, s.fromMs))
					.where('cases.deadline_at', '<=', s.toMs)
					.where('cases.status', 'not in', ['closed', 'void', 'parked'])
					.execute();
	const awaitingCheck = await open()
		.where('cases.status', '=', 'feedback')
		.where('cases.stage_deadline_at', '>=', now)
		.where('cases.deadline_at', '<', now)
		.execute();
	const grid = [...beforeDeadline, ...awaitingCheck];
	if (now > s.toMs) return { grid, orders: [], enforcement: [] };
	const orders = await orderStatsQuery(db)
		.where('hotline_orders.status', 'in', OPEN_HOTLINE_STATUSES)
		.where((eb) => eb.or([inSpan('hotline_orders.first_contact_due_at')(eb), inSpan('hotline_orders.deadline_at')(eb)]))
		.execute();
	return { grid, orders, enforcement: [] };
}
