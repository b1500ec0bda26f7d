// Rows the statistics read, narrowed to a period with the columns the rates need. Every query is
// plain Kysely (no SQLite-only SQL), so PostgreSQL can serve the same statistics.
import type { Db } from '../db/create-database';
import { enforcementStatsQuery, orderStatsQuery } from './stat-rows';
import type { Span } from './stat-span';

export { spanOf, type Span } from './stat-span';

/** Grid cases whose deadline falls in the span (deadlines are compared as (from, to]: 24:00 belongs to its day), or, without a deadline, reported in it. */
export async function loadGridCases(db: Db, s: Span) {
	return db
		.selectFrom('cases')
		.select([
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
			'cases.deadline_at',
			'cases.efficient_deadline_at',
			'cases.feedback_at',
			'cases.closed_at',
			'cases.rework_count',
			'cases.handle_value',
			'cases.stage_deadline_at'
		])
		.where((eb) =>
			eb.or([
				eb.and([eb('cases.deadline_at', '>', s.fromMs), eb('cases.deadline_at', '<=', s.toMs)]),
				eb.and([
					eb('cases.deadline_at', 'is', null),
					eb('cases.reported_at', '>=', s.fromMs),
					eb('cases.reported_at', '<', s.toMs)
				])
			])
		)
		.execute();
}
export type GridCaseStatsRow = Awaited<ReturnType<typeof loadGridCases>>[number];

/** Grid cases with an event in the span: reported, closed or dispatched there (volumes, 返工率, 延期率). */
export async function loadGridEvents(db: Db, s: Span) {
	return db
		.selectFrom('cases')
		.select((eb) => [
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
			'cases.rework_count',
			'cases.supervised',
			eb
				.exists(
					eb
						.selectFrom('case_events')
						.select('case_events.id')
						.whereRef('case_events.case_id', '=', 'cases.id')
						.where('case_events.action', '=', 'approve_extension')
				)
				.as('extended')
		])
		.where((eb) =>
			eb.or([
				eb.and([eb('cases.reported_at', '>=', s.fromMs), eb('cases.reported_at', '<', s.toMs)]),
				eb.and([eb('cases.closed_at', '>=', s.fromMs), eb('cases.closed_at', '<', s.toMs)]),
				eb.and([eb('cases.dispatched_at', '>=', s.fromMs), eb('cases.dispatched_at', '<', s.toMs)])
			])
		)
		.execute();
}
export type GridEventRow = Awaited<ReturnType<typeof loadGridEvents>>[number];

/** 12345 orders with a first-contact or 办结 deadline in the span, or received or completed in it. */
export async function loadOrders(db: Db, s: Span) {
	return orderStatsQuery(db)
		.where((eb) =>
			eb.or([
				eb.and([
					eb('hotline_orders.first_contact_due_at', '>', s.fromMs),
					eb('hotline_orders.first_contact_due_at', '<=', s.toMs)
				]),
				eb.and([eb('hotline_orders.deadline_at', '>', s.fromMs), eb('hotline_orders.deadline_at', '<=', s.toMs)]),
				eb.and([eb('hotline_orders.received_at', '>=', s.fromMs), eb('hotline_orders.received_at', '<', s.toMs)]),
				eb.and([eb('hotline_orders.completed_at', '>=', s.fromMs), eb('hotline_orders.completed_at', '<', s.toMs)])
			])
		)
		.execute();
}
export type OrderStatsRow = Awaited<ReturnType<typeof loadOrders>>[number];

/** Enforcement cases opened or ended in the span. */
export async function loadEnforcement(db: Db, s: Span) {
	return enforcementStatsQuery(db)
		.where((eb) =>
			eb.or([
				eb.and([eb('created_at', '>=', s.fromMs), eb('created_at', '<', s.toMs)]),
				eb.and([eb('closed_at', '>=', s.fromMs), eb('closed_at', '<', s.toMs)])
			])
		)
		.execute();
}
export type EnforcementStatsRow = Awaited<ReturnType<typeof loadEnforcement>>[number];
