// Rows the statistics read, narrowed to a period with the columns the rates need. Every query is
// plain Kysely (no SQLite-only SQL), so PostgreSQL can serve the same statistics.
import type { ExpressionBuilder } from 'kysely';
import type { Db } from '../db/create-database';
import type { DB } from '../db/schema';
import { enforcementStatsQuery, extended, GRID_COLUMNS, GRID_DEADLINE_COLUMNS, orderStatsQuery } from './stat-rows';
import { dueIn, happenedIn, touchesSpan, type Span } from './stat-span';

export { spanOf, type Span } from './stat-span';

/** Grid cases whose deadline falls in the span or, without a deadline, reported in it: those a period's 按时办结率 counts. */
export const gridCaseInPeriod = (eb: ExpressionBuilder<DB, 'cases'>, s: Span) =>
	eb.or([
		dueIn(eb, 'cases.deadline_at', s),
		eb.and([eb('cases.deadline_at', 'is', null), happenedIn(eb, 'cases.reported_at', s)])
	]);

/** The grid cases a period's on-time rates judge. */
export async function loadGridCases(db: Db, s: Span) {
	return db
		.selectFrom('cases')
		.select([...GRID_COLUMNS, ...GRID_DEADLINE_COLUMNS])
		.where((eb) => gridCaseInPeriod(eb, s))
		.execute();
}
export type GridCaseStatsRow = Awaited<ReturnType<typeof loadGridCases>>[number];

/** Grid cases with an event in the span: reported, closed or dispatched there (volumes, 返工率, 延期率). */
export async function loadGridEvents(db: Db, s: Span) {
	return db
		.selectFrom('cases')
		.select((eb) => [...GRID_COLUMNS, 'cases.supervised', extended(eb)])
		.where((eb) => touchesSpan(eb, s, { happened: ['cases.reported_at', 'cases.closed_at', 'cases.dispatched_at'] }))
		.execute();
}
export type GridEventRow = Awaited<ReturnType<typeof loadGridEvents>>[number];

/** 12345 orders with a first-contact or 办结 deadline in the span, or received or completed in it. */
export async function loadOrders(db: Db, s: Span) {
	return orderStatsQuery(db)
		.where((eb) =>
			touchesSpan(eb, s, {
				due: ['hotline_orders.first_contact_due_at', 'hotline_orders.deadline_at'],
				happened: ['hotline_orders.received_at', 'hotline_orders.completed_at']
			})
		)
		.execute();
}
export type OrderStatsRow = Awaited<ReturnType<typeof loadOrders>>[number];

/** Enforcement cases opened or ended in the span. */
export async function loadEnforcement(db: Db, s: Span) {
	return enforcementStatsQuery(db)
		.where((eb) => touchesSpan(eb, s, { happened: ['enforcement_cases.created_at', 'enforcement_cases.closed_at'] }))
		.execute();
}
export type EnforcementStatsRow = Awaited<ReturnType<typeof loadEnforcement>>[number];
