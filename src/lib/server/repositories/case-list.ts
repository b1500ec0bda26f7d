// The case list: which cases a filter selects in the viewer's scope, and one page of them with
// its total. The live board and the map use the same filters, so their counts and the list agree.
import { sql, type ExpressionBuilder } from 'kysely';
import type { CaseStatus } from '$lib/domain/case-status';
import type { Db } from '../db/create-database';
import { memo } from '../memo';
import { addDays, shanghaiMidnight } from '$lib/domain/working-days';
import { contains } from './like';
import { referenceNames } from './reference';
import type { DB } from '../db/schema';
import type { ViewScope } from '$lib/domain/access';

export const PAGE_SIZE = 20;

export interface CaseFilters {
	status?: CaseStatus[];
	areaId?: number;
	communityId?: number;
	categoryCode?: string;
	source?: string;
	/** Reported on or after this Shanghai date. */
	from?: string;
	/** Reported on or before this Shanghai date. */
	to?: string;
	departmentId?: number;
	overdue?: boolean;
	/** In-time 处置反馈 whose 核查 is past its limit: counted late until the 核查 passes. */
	checkLate?: boolean;
	/** The current step's deadline falls within the next 24 h. */
	dueSoon?: boolean;
	/** Sent back by the department: 回退 awaiting approval, or approved and awaiting 改派. */
	returned?: boolean;
	supervised?: boolean;
	q?: string;
	page?: number;
}

type Eb = ExpressionBuilder<DB, 'cases'>;

/** The role's view scope as a WHERE clause: a case outside it is never loaded. */
export function scopeWhere(eb: Eb, scope: ViewScope) {
	switch (scope.kind) {
		case 'all':
			return sql<boolean>`1 = 1`;
		case 'area':
			return eb.or([eb('cases.area_id', '=', scope.areaId), eb('cases.reporter_id', '=', scope.userId)]);
		case 'department':
			return eb.or([eb('cases.department_id', '=', scope.departmentId), eb('cases.handler_id', '=', scope.userId)]);
		case 'none':
			return sql<boolean>`1 = 0`;
	}
}

/** How far ahead "due soon" looks (the live board and the list agree on it). */
export const DUE_SOON_MS = 24 * 3_600_000;

/** Open work, written with literals so the partial indexes on open cases (migrations 005 and 013) serve it. */
const isOpen = sql<boolean>`${sql.ref('cases.status')} not in ('closed', 'void')`;

/** Overdue: the current step's deadline has passed (parked and finished cases have none). */
export const overdueWhere = (eb: Eb, now: number) => eb.and([eb('cases.stage_deadline_at', '<', now), isOpen]);

/**
 * 核查 backlog: an in-time 处置反馈 whose 核查 is past its limit — 2 working hours after the feedback
 * (the 核查 step's deadline) or the handling deadline, whichever is later. The statistics count these
 * cases late until the 核查 passes (domain/rates.ts judgeGridOnTime).
 */
export const checkLateWhere = (eb: Eb, now: number) =>
	eb.and([
		eb('cases.status', '=', 'feedback'),
		eb('cases.feedback_at', '<=', eb.ref('cases.deadline_at')),
		eb('cases.stage_deadline_at', '<', now),
		eb('cases.deadline_at', '<', now)
	]);

/** Due soon: the current step's deadline is not past yet but falls within DUE_SOON_MS. */
export const dueSoonWhere = (eb: Eb, now: number) =>
	eb.and([eb('cases.stage_deadline_at', '>=', now), eb('cases.stage_deadline_at', '<', now + DUE_SOON_MS), isOpen]);

/** Returned: 回退 awaiting approval, or approved (back at 待派遣, with an approve_return event) and awaiting 改派. */
export const returnedWhere = (eb: Eb) =>
	eb.or([
		eb('cases.status', '=', 'return_requested'),
		eb.and([
			eb('cases.status', '=', 'registered'),
			eb.exists(
				eb
					.selectFrom('case_events')
					.select('case_events.id')
					.whereRef('case_events.case_id', '=', 'cases.id')
					.where('case_events.action', '=', 'approve_return')
			)
		])
	]);

/** The cases a filter selects (in the viewer's scope), for the list and the map. */
export function filteredCases(db: Db, scope: ViewScope, f: CaseFilters, now: number) {
	let q = db.selectFrom('cases').where((eb) => scopeWhere(eb, scope));
	if (f.status?.length) q = q.where('cases.status', 'in', f.status);
	if (f.areaId) q = q.where('cases.area_id', '=', f.areaId);
	if (f.communityId) q = q.where('cases.community_id', '=', f.communityId);
	if (f.departmentId) q = q.where('cases.department_id', '=', f.departmentId);
	if (f.categoryCode) q = q.where('cases.category_code', '=', f.categoryCode);
	if (f.source) q = q.where('cases.source', '=', f.source);
	if (f.from) q = q.where('cases.reported_at', '>=', shanghaiMidnight(f.from));
	if (f.to) q = q.where('cases.reported_at', '<', shanghaiMidnight(addDays(f.to, 1)));
	if (f.supervised) q = q.where('cases.supervised', '=', 1);
	if (f.overdue) q = q.where((eb) => overdueWhere(eb, now));
	if (f.dueSoon) q = q.where((eb) => dueSoonWhere(eb, now));
	if (f.checkLate) q = q.where((eb) => checkLateWhere(eb, now));
	if (f.returned) q = q.where(returnedWhere);
	if (f.q) {
		const text = f.q;
		q = q.where((eb) =>
			eb.or([
				contains(eb.ref('cases.code'), text),
				contains(eb.ref('cases.description'), text),
				contains(eb.ref('cases.address'), text)
			])
		);
	}
	return q;
}

const totals = memo<{ n: number }>(5_000);

/** Who a case is and where it stands: what every list of cases and the order page's linked case read first. */
export const CASE_PLACE_COLUMNS = [
	'cases.id',
	'cases.code',
	'cases.status',
	'cases.category_code',
	'cases.area_id',
	'cases.community_id',
	'cases.department_id'
] as const;

/** What the case list shows of a case; every column read costs on every request. */
const listColumns = [
	...CASE_PLACE_COLUMNS,
	'cases.description',
	'cases.reported_at',
	'cases.stage_started_at',
	'cases.stage_deadline_at',
	'cases.stage_warn_at',
	'cases.supervised',
	'cases.version'
] as const;

export type CaseListRow = Awaited<ReturnType<typeof listCases>>['rows'][number];

export async function listCases(db: Db, scope: ViewScope, f: CaseFilters, now: number) {
	const page = Math.max(1, f.page ?? 1);
	// The page is chosen on the cases table alone (an index hands it out in order), then read by id.
	const ids = filteredCases(db, scope, f, now)
		.select('cases.id')
		.orderBy('cases.reported_at', 'desc')
		.orderBy('cases.id', 'desc')
		.limit(PAGE_SIZE)
		.offset((page - 1) * PAGE_SIZE);
	// The total is the costly part (every match is counted); paging through one filter counts once.
	const [total, rows, names] = await Promise.all([
		totals.get(db, JSON.stringify([scope, { ...f, page: 0 }]), now, () =>
			filteredCases(db, scope, f, now)
				.select(({ fn }) => fn.countAll<number>().as('n'))
				.executeTakeFirstOrThrow()
		),
		db
			.selectFrom('cases')
			.select(listColumns)
			.where('cases.id', 'in', ids)
			.orderBy('cases.reported_at', 'desc')
			.orderBy('cases.id', 'desc')
			.execute(),
		// Names come from the kept reference lists: four joins cost more than the rest of the query.
		referenceNames(db)
	]);
	return {
		rows: rows.map((r) => {
			const category = names.categories.get(r.category_code);
			// Fields named one by one: copying a driver row with a spread costs more than the query.
			return {
				id: r.id,
				code: r.code,
				status: r.status,
				category_name: category?.minor ?? r.category_code,
				category_variant: category?.variant ?? null,
				area_name: names.areas.get(r.area_id) ?? '',
				community_name: names.communities.get(r.community_id) ?? '',
				department_name: r.department_id === null ? null : (names.departments.get(r.department_id) ?? null),
				description: r.description,
				reported_at: r.reported_at,
				stage_started_at: r.stage_started_at,
				stage_deadline_at: r.stage_deadline_at,
				stage_warn_at: r.stage_warn_at,
				supervised: r.supervised,
				version: r.version
			};
		}),
		total: Number(total.n),
		page,
		pageCount: Math.max(1, Math.ceil(Number(total.n) / PAGE_SIZE))
	};
}
