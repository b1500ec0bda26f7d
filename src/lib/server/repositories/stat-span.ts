// The period the statistics queries read, as instants. Its own module so that stats.ts (the period
// loaders) and stat-rows.ts (the rows of chosen records) both use it without importing each other.
import { addDays, shanghaiMidnight } from '$lib/domain/working-days';
import type { ExpressionBuilder, ReferenceExpression } from 'kysely';
import type { DB } from '../db/schema';

/** [fromMs, toMs): midnight (Asia/Shanghai) of the first day to midnight after the last. */
export interface Span {
	fromMs: number;
	toMs: number;
}

export const spanOf = (from: string, to: string): Span => ({
	fromMs: shanghaiMidnight(from),
	toMs: shanghaiMidnight(addDays(to, 1))
});

type StatTables = 'cases' | 'hotline_orders' | 'enforcement_cases';

/** An instant in the span: [from, to). */
export const happenedIn = (
	eb: ExpressionBuilder<DB, StatTables>,
	column: ReferenceExpression<DB, StatTables>,
	s: Span
) => eb.and([eb(column, '>=', s.fromMs), eb(column, '<', s.toMs)]);

/** A deadline in the span: (from, to], so that 24:00 belongs to its day. */
export const dueIn = (eb: ExpressionBuilder<DB, StatTables>, column: ReferenceExpression<DB, StatTables>, s: Span) =>
	eb.and([eb(column, '>', s.fromMs), eb(column, '<=', s.toMs)]);

/** Rows with any of these instants in the span, or any of these deadlines. */
export const touchesSpan = (
	eb: ExpressionBuilder<DB, StatTables>,
	s: Span,
	columns: { happened: ReferenceExpression<DB, StatTables>[]; due?: ReferenceExpression<DB, StatTables>[] }
) => eb.or([...(columns.due ?? []).map((c) => dueIn(eb, c, s)), ...columns.happened.map((c) => happenedIn(eb, c, s))]);
