// The rows behind the statistics spreadsheets: the grid cases and 12345 orders counted in a period's
// rates, with the names a reader needs. A span is [fromMs, toMs] of Asia/Shanghai days.
import type { Db } from '../db/create-database';
import { withNames } from './cases';
import { dueIn, type Span } from './stat-span';
import { gridCaseInPeriod } from './stats';

/** The grid cases counted in the period's 按时办结率, as loadGridCases selects them. */
function periodCaseIds(db: Db, s: Span) {
	return db
		.selectFrom('cases')
		.select('cases.id')
		.where((eb) => gridCaseInPeriod(eb, s));
}

/** Those cases with their category, places and department, in the order they were reported. */
export function listPeriodCases(db: Db, s: Span) {
	return withNames(db)
		.select([
			'cases.id',
			'cases.code',
			'cases.status',
			'cases.reported_at',
			'cases.deadline_at',
			'cases.efficient_deadline_at',
			'cases.feedback_at',
			'cases.closed_at',
			'cases.stage_deadline_at',
			'categories.minor',
			'categories.variant',
			'cases.handle_value',
			'areas.name as area_name',
			'communities.name as community_name',
			'departments.name as department_name'
		])
		.where('cases.id', 'in', periodCaseIds(db, s))
		.orderBy('cases.reported_at')
		.orderBy('cases.id')
		.execute();
}

/** The events of those cases with one of these actions, oldest first. */
export function listPeriodCaseEvents(db: Db, s: Span, actions: readonly string[]) {
	return db
		.selectFrom('case_events')
		.select(['case_events.case_id', 'case_events.action', 'case_events.at'])
		.where('case_events.case_id', 'in', periodCaseIds(db, s))
		.where('case_events.action', 'in', actions)
		.orderBy('case_events.at')
		.orderBy('case_events.id')
		.execute();
}

/** The 12345 orders counted in the period's 按时办结率: their 办结 deadline falls in it (24:00 belongs to its day). */
export function listPeriodOrders(db: Db, s: Span) {
	return (
		db
			.selectFrom('hotline_orders')
			// Narrowed before the joins: the span's condition reads the order alone.
			.where((eb) => dueIn(eb, 'hotline_orders.deadline_at', s))
			.leftJoin('communities', 'communities.id', 'hotline_orders.community_id')
			.leftJoin('departments', 'departments.id', 'hotline_orders.department_id')
			.select([
				'hotline_orders.id',
				'hotline_orders.order_no',
				'hotline_orders.citizen_name',
				'hotline_orders.phone',
				'hotline_orders.status',
				'hotline_orders.received_at',
				'hotline_orders.signed_at',
				'hotline_orders.first_contact_at',
				'hotline_orders.first_reply_at',
				'hotline_orders.completed_at',
				'hotline_orders.deadline_at',
				'hotline_orders.return_approved_at',
				'communities.name as community_name',
				'departments.name as department_name'
			])
			.orderBy('hotline_orders.received_at')
			.orderBy('hotline_orders.id')
			.execute()
	);
}
