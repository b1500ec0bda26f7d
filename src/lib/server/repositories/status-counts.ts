// Work counted per status with how many of it are overdue or due soon: the same figures for grid
// cases and 12345 orders, each table bringing its own overdue and due-soon conditions.
import type { StatusCount } from '$lib/domain/work-counts';
import type { Expression, ExpressionBuilder, SqlBool } from 'kysely';

/** The columns of one status's row: its count, and how many of it meet each condition. */
export function statusCountColumns<DB, TB extends keyof DB>(
	eb: ExpressionBuilder<DB, TB>,
	overdue: Expression<SqlBool>,
	dueSoon: Expression<SqlBool>
) {
	const countOf = (condition: Expression<SqlBool>) =>
		eb.fn.sum<number | string>(eb.case().when(condition).then(1).else(0).end());
	return [eb.fn.countAll<number>().as('n'), countOf(overdue).as('overdue'), countOf(dueSoon).as('due_soon')];
}

/** The rows as the work counts read them (SQLite and PostgreSQL return sums as numbers or strings). */
export const toStatusCounts = (
	rows: { status: string; n: number | string; overdue: number | string | null; due_soon: number | string | null }[]
): StatusCount[] =>
	rows.map((r) => ({
		status: r.status,
		n: Number(r.n),
		overdue: Number(r.overdue ?? 0),
		dueSoon: Number(r.due_soon ?? 0)
	}));
