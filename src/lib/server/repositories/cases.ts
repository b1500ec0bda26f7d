import type { ExpressionBuilder } from 'kysely';
import type { CaseStatus } from '$lib/domain/case-status';
import type { TaskFilter } from '$lib/domain/tasks';
import type { StatusCount } from '$lib/domain/work-counts';
import type { Db } from '../db/create-database';
import { dueSoonWhere, overdueWhere, scopeWhere } from './case-list';
import { statusCountColumns, toStatusCounts } from './status-counts';
import type { DB, NewCase, CaseUpdate } from '../db/schema';
import type { ViewScope } from '$lib/domain/access';

const summaryColumns = [
	'cases.id',
	'cases.code',
	'cases.status',
	'cases.source',
	'cases.category_code',
	'cases.urgency',
	'cases.description',
	'cases.address',
	'cases.reported_at',
	'cases.stage_started_at',
	'cases.stage_deadline_at',
	'cases.stage_warn_at',
	'cases.deadline_at',
	'cases.supervised',
	'cases.rework_count',
	'cases.self_handled',
	'cases.version'
] as const;

export function withNames(db: Db) {
	return db
		.selectFrom('cases')
		.innerJoin('categories', 'categories.code', 'cases.category_code')
		.innerJoin('areas', 'areas.id', 'cases.area_id')
		.innerJoin('communities', 'communities.id', 'cases.community_id')
		.leftJoin('departments', 'departments.id', 'cases.department_id');
}

/** The cases waiting on this person: in view, in one of the statuses, and theirs by the filter. */
function taskWhere(eb: ExpressionBuilder<DB, 'cases'>, scope: ViewScope, statuses: CaseStatus[], extra: TaskFilter) {
	const conditions = [scopeWhere(eb, scope), eb('cases.status', 'in', statuses)];
	if (extra.departmentId !== undefined) conditions.push(eb('cases.department_id', '=', extra.departmentId));
	if (extra.communityId !== undefined) conditions.push(eb('cases.community_id', '=', extra.communityId));
	if (extra.notHandlerId !== undefined)
		conditions.push(eb.or([eb('cases.handler_id', 'is', null), eb('cases.handler_id', '!=', extra.notHandlerId)]));
	if (extra.supervisedOnly) conditions.push(eb('cases.supervised', '=', 1));
	return eb.and(conditions);
}

/** Cases waiting on this person, most urgent first. */
export async function listTasks(db: Db, scope: ViewScope, statuses: CaseStatus[], extra: TaskFilter) {
	if (!statuses.length) return [];
	// NULL deadlines (parked) sort last in SQLite and PostgreSQL alike with this expression.
	return withNames(db)
		.select([
			...summaryColumns,
			'categories.minor as category_name',
			'categories.variant as category_variant',
			'areas.name as area_name',
			'communities.name as community_name',
			'departments.name as department_name'
		])
		.where((eb) => taskWhere(eb, scope, statuses, extra))
		.orderBy((eb) => eb.case().when('cases.stage_deadline_at', 'is', null).then(1).else(0).end())
		.orderBy('cases.stage_deadline_at', 'asc')
		.limit(200)
		.execute();
}

export const REPORTED_PAGE_SIZE = 20;

/** 我上报的: the cases this person reported, newest first, a page at a time (inside their scope). */
export async function listReportedCases(db: Db, scope: ViewScope, reporterId: number, page: number) {
	const base = () =>
		db
			.selectFrom('cases')
			.where('cases.reporter_id', '=', reporterId)
			.where((eb) => scopeWhere(eb, scope));
	const [total, rows] = await Promise.all([
		base()
			.select(({ fn }) => fn.countAll<number>().as('n'))
			.executeTakeFirstOrThrow(),
		withNames(db)
			.select([
				...summaryColumns,
				'categories.minor as category_name',
				'categories.variant as category_variant',
				'areas.name as area_name',
				'communities.name as community_name'
			])
			.where('cases.reporter_id', '=', reporterId)
			.where((eb) => scopeWhere(eb, scope))
			.orderBy('cases.reported_at', 'desc')
			.orderBy('cases.id', 'desc')
			.limit(REPORTED_PAGE_SIZE)
			.offset((page - 1) * REPORTED_PAGE_SIZE)
			.execute()
	]);
	const n = Number(total.n);
	return { rows, total: n, page, pageCount: Math.max(1, Math.ceil(n / REPORTED_PAGE_SIZE)) };
}

/** The same cases counted per status, with how many are overdue or due soon (the case list's conditions). */
export async function countTasksByStatus(
	db: Db,
	scope: ViewScope,
	statuses: CaseStatus[],
	extra: TaskFilter,
	now: number
): Promise<StatusCount[]> {
	if (!statuses.length) return [];
	const rows = await db
		.selectFrom('cases')
		.select((eb) => ['cases.status', ...statusCountColumns(eb, overdueWhere(eb, now), dueSoonWhere(eb, now))])
		.where((eb) => taskWhere(eb, scope, statuses, extra))
		.groupBy('cases.status')
		.execute();
	return toStatusCounts(rows);
}

export async function getCaseRow(db: Db, id: number) {
	return db.selectFrom('cases').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function getCaseCode(db: Db, id: number) {
	return db.selectFrom('cases').select(['id', 'code']).where('id', '=', id).executeTakeFirst();
}

export async function getCaseDetail(db: Db, id: number) {
	return withNames(db)
		.innerJoin('users as reporter', 'reporter.id', 'cases.reporter_id')
		.leftJoin('users as handler', 'handler.id', 'cases.handler_id')
		.selectAll('cases')
		.select([
			'categories.minor as category_name',
			'categories.variant as category_variant',
			'categories.track as category_track',
			'categories.close_condition',
			'cases.handle_value',
			'cases.handle_unit',
			'areas.name as area_name',
			'communities.name as community_name',
			'departments.name as department_name',
			'reporter.display_name as reporter_name',
			'handler.display_name as handler_name'
		])
		.where('cases.id', '=', id)
		.executeTakeFirst();
}

export async function insertCase(db: Db, c: NewCase): Promise<number> {
	const row = await db.insertInto('cases').values(c).returning('id').executeTakeFirstOrThrow();
	return row.id;
}

/** Optimistic concurrency: the update lands only if nobody changed the case since it was read. */
export async function updateCaseIfVersion(db: Db, id: number, version: number, changes: CaseUpdate): Promise<boolean> {
	const r = await db
		.updateTable('cases')
		.set({ ...changes, version: version + 1 })
		.where('id', '=', id)
		.where('version', '=', version)
		.executeTakeFirst();
	return Number(r.numUpdatedRows) === 1;
}

export async function countCasesOn(db: Db, fromMs: number, toMs: number): Promise<number> {
	const r = await db
		.selectFrom('cases')
		.select(({ fn }) => fn.countAll<number>().as('n'))
		.where('reported_at', '>=', fromMs)
		.where('reported_at', '<', toMs)
		.executeTakeFirstOrThrow();
	return Number(r.n);
}

/** Where every case lies, for a boundary preview (which cases a new outline moves). */
export const listCasePlaces = (db: Db) =>
	db
		.selectFrom('cases')
		.select(['id', 'code', 'status', 'lng', 'lat', 'area_id', 'community_id', 'reported_at'])
		.execute();
