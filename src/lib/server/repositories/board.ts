// The live board (实时看板): the work open right now, counted per 片区, 居民区 or department. Each
// count uses the same condition as the case list filter it links to (overdueWhere, dueSoonWhere,
// checkLateWhere, returnedWhere), so a number and the list behind it agree. Plain Kysely, no SQLite-only SQL.
import type { Expression, ExpressionBuilder, SqlBool } from 'kysely';
import { OPEN_STATUSES } from '$lib/domain/case-status';
import { shanghaiDate } from '$lib/domain/working-days';
import type { Db } from '../db/create-database';
import { loadGeography } from './reference';
import type { DB } from '../db/schema';
import { checkLateWhere, dueSoonWhere, overdueWhere, returnedWhere } from './case-list';
import { BOARD_METRICS, CASE_METRICS, type BoardCounts, type BoardDimension } from '$lib/domain/board';

export interface BoardRow {
	/** The group's id; null for work not placed in one yet (an order without 居民区, a case not dispatched). */
	id: number | null;
	name: string;
	counts: BoardCounts;
}

type CaseEb = ExpressionBuilder<DB, 'cases'>;
const OPEN = [...OPEN_STATUSES];

/** The condition behind each grid-case figure (all on open cases). */
const CASE_CONDITIONS: Record<(typeof CASE_METRICS)[number], (eb: CaseEb, now: number) => Expression<SqlBool>> = {
	open: (eb) => eb('cases.status', 'in', OPEN),
	due_soon: (eb, now) => dueSoonWhere(eb, now),
	overdue: (eb, now) => overdueWhere(eb, now),
	check_late: (eb, now) => checkLateWhere(eb, now),
	awaiting_sign: (eb) => eb('cases.status', '=', 'dispatched'),
	returned: (eb) => returnedWhere(eb),
	extension: (eb) => eb('cases.status', '=', 'extension_requested'),
	supervised: (eb) => eb.and([eb('cases.supervised', '=', 1), eb('cases.status', 'in', OPEN)])
};

const CASE_COLUMN = {
	area: 'cases.area_id',
	community: 'cases.community_id',
	department: 'cases.department_id'
} as const;

const emptyCounts = (): BoardCounts => Object.fromEntries(BOARD_METRICS.map((k) => [k, 0])) as BoardCounts;

async function countCases(db: Db, by: BoardDimension, now: number) {
	const column = CASE_COLUMN[by];
	return db
		.selectFrom('cases')
		.select((eb) => [
			eb.ref(column).as('group_id'),
			...CASE_METRICS.map((k) =>
				eb.fn.sum<number | string>(eb.case().when(CASE_CONDITIONS[k](eb, now)).then(1).else(0).end()).as(k)
			)
		])
		.where('cases.status', 'in', OPEN)
		.groupBy(column)
		.execute();
}

/** 12345 orders signed (处置中) with no 先行联系 logged: the hotline list's awaiting_contact queue. */
async function countAwaitingContact(db: Db, by: BoardDimension) {
	const column =
		by === 'area'
			? 'hotline_orders.area_id'
			: by === 'community'
				? 'hotline_orders.community_id'
				: 'hotline_orders.department_id';
	return db
		.selectFrom('hotline_orders')
		.leftJoin('communities', 'communities.id', 'hotline_orders.community_id')
		.select((eb) => [eb.ref(column).as('group_id'), eb.fn.countAll<number | string>().as('n')])
		.where('hotline_orders.status', '=', 'handling')
		.where('hotline_orders.contact_outcome', 'is', null)
		.groupBy(column)
		.execute();
}

async function groupNames(
	db: Db,
	by: BoardDimension,
	now: number
): Promise<{ id: number; name: string; current: boolean }[]> {
	if (by === 'area') {
		// Current: drawn in the boundary version in force today.
		const [rows, today] = await Promise.all([
			db.selectFrom('areas').select(['id', 'name']).where('kind', '=', 'area').orderBy('id').execute(),
			loadGeography(db, shanghaiDate(now))
		]);
		const current = new Set(today.areas.map((a) => a.id));
		return rows.map((r) => ({ id: r.id, name: r.name, current: current.has(r.id) }));
	}
	const table = by === 'community' ? 'communities' : 'departments';
	const rows = await db.selectFrom(table).select(['id', 'name']).orderBy('id').execute();
	return rows.map((r) => ({ ...r, current: true }));
}

/**
 * The board now, one row per group (every current one, zeros included; a retired 片区 version only
 * while work filed in it is open), then a row for work without a group, and the total.
 */
export async function loadBoard(
	db: Db,
	by: BoardDimension,
	now: number
): Promise<{ rows: BoardRow[]; unplaced: BoardCounts | null; total: BoardCounts }> {
	const [caseCounts, contactCounts, names] = await Promise.all([
		countCases(db, by, now),
		countAwaitingContact(db, by),
		groupNames(db, by, now)
	]);
	const byId = new Map<number | null, BoardCounts>();
	const countsOf = (id: number | null) => {
		let c = byId.get(id);
		if (!c) byId.set(id, (c = emptyCounts()));
		return c;
	};
	for (const r of caseCounts) {
		const c = countsOf(r.group_id);
		for (const k of CASE_METRICS) c[k] = Number(r[k] ?? 0);
	}
	for (const r of contactCounts) countsOf(r.group_id).awaiting_contact = Number(r.n);

	const total = emptyCounts();
	for (const c of byId.values()) for (const k of BOARD_METRICS) total[k] += c[k];
	const rows = names
		.filter((n) => n.current || byId.has(n.id))
		.map((n) => ({ id: n.id, name: n.name, counts: byId.get(n.id) ?? emptyCounts() }));
	return { rows, unplaced: byId.get(null) ?? null, total };
}
