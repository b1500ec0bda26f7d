// The plain way, for the statistics benchmark: one GROUP BY pass per kind of fact over the case rows
// themselves, the verdicts written out in SQL (the same rules as src/lib/domain/rates.ts and
// hotline-timing.ts), grouped by month and 片区 at once and then added up both ways.
import type Database from 'better-sqlite3';
import { addItem, emptyBlock, type StatsBlock, type StatsResult } from '../src/lib/server/services/stats/block';

const month = (col: string) => `strftime('%Y-%m', (${col}) / 1000 + 28800, 'unixepoch')`;
const area = (col: string) => `COALESCE(CAST(${col} AS TEXT), '')`;
const inSpan = (col: string) => `${col} >= @from AND ${col} < @to`;

const GRID_DUE = `
WITH g AS MATERIALIZED (
	SELECT ${area('c.area_id')} AS area,
		${month('(CASE WHEN c.deadline_at IS NOT NULL THEN c.deadline_at - 1 ELSE c.reported_at END)')} AS month,
		CASE WHEN c.status = 'void' OR c.handle_value IS NULL OR c.status = 'parked' THEN 'excluded'
			WHEN c.deadline_at IS NULL THEN 'pending'
			WHEN c.status = 'closed' THEN CASE WHEN COALESCE(c.feedback_at, c.closed_at) <= c.deadline_at THEN 'on_time' ELSE 'late' END
			WHEN c.status IN ('feedback', 'checked') AND c.feedback_at <= c.deadline_at THEN 'pending'
			WHEN @now > c.deadline_at THEN 'late' ELSE 'pending' END AS v,
		COALESCE(c.status = 'closed' AND c.feedback_at <= c.efficient_deadline_at, 0) AS hit
	FROM cases c
	WHERE (c.deadline_at > @from AND c.deadline_at <= @to) OR (c.deadline_at IS NULL AND ${inSpan('c.reported_at')})
)
SELECT 'grid_on_time' AS item, '' AS detail, v AS verdict, month, area, '' AS category, COUNT(*) AS n FROM g GROUP BY v, month, area
UNION ALL
SELECT 'grid_efficient', '', CASE WHEN v IN ('on_time', 'late') THEN CASE WHEN hit THEN 'on_time' ELSE 'late' END ELSE v END AS ev, month, area, '', COUNT(*) FROM g GROUP BY ev, month, area`;

const GRID_VOLUMES = `
SELECT 'reported' AS item, source AS detail, '' AS verdict, ${month('reported_at')} AS month, ${area('area_id')} AS area, category_code AS category, COUNT(*) AS n
	FROM cases WHERE ${inSpan('reported_at')} GROUP BY source, month, area, category_code
UNION ALL
SELECT 'supervised', '', '', ${month('reported_at')} AS month, ${area('area_id')} AS area, '', COUNT(*) FROM cases WHERE ${inSpan('reported_at')} AND supervised = 1 GROUP BY month, area
UNION ALL
SELECT 'closed', source, '', ${month('closed_at')} AS month, ${area('area_id')} AS area, '', COUNT(*) FROM cases WHERE status = 'closed' AND ${inSpan('closed_at')} GROUP BY source, month, area
UNION ALL
SELECT 'stock_structures_closed', '', '', ${month('closed_at')} AS month, ${area('area_id')} AS area, '', COUNT(*) FROM cases WHERE status = 'closed' AND category_code = 'SH-XQGL-02' AND ${inSpan('closed_at')} GROUP BY month, area
UNION ALL
SELECT 'rework', '', CASE WHEN rework_count > 0 THEN 'on_time' ELSE 'late' END AS v, ${month('closed_at')} AS month, ${area('area_id')} AS area, '', COUNT(*) FROM cases WHERE status = 'closed' AND ${inSpan('closed_at')} GROUP BY v, month, area
UNION ALL
SELECT 'extension', '', CASE WHEN x.case_id IS NOT NULL THEN 'on_time' ELSE 'late' END AS v, ${month('dispatched_at')} AS month, ${area('area_id')} AS area, '', COUNT(*)
	FROM cases LEFT JOIN (SELECT DISTINCT case_id FROM case_events WHERE action = 'approve_extension') x ON x.case_id = cases.id
	WHERE ${inSpan('dispatched_at')} GROUP BY v, month, area`;

const ORDERS = `
WITH o AS MATERIALIZED (
	SELECT h.*, ${area('h.area_id')} AS area FROM hotline_orders h
	WHERE (h.first_contact_due_at > @from AND h.first_contact_due_at <= @to) OR (h.deadline_at > @from AND h.deadline_at <= @to)
		OR ${inSpan('h.received_at')} OR ${inSpan('h.completed_at')}
), fc AS (
	SELECT area, CASE WHEN first_contact_due_at IS NOT NULL THEN first_contact_due_at - 1 ELSE received_at END AS at,
		CASE WHEN has_phone IS NOT 1 OR contact_outcome IS 'no_phone' OR contact_outcome IS 'declined' THEN 'excluded'
			WHEN return_approved_at IS NOT NULL AND (first_contact_due_at IS NULL OR return_approved_at <= first_contact_due_at) THEN 'excluded'
			WHEN first_contact_due_at IS NULL THEN 'pending'
			WHEN first_contact_at IS NOT NULL THEN CASE WHEN first_contact_at <= first_contact_due_at THEN 'on_time' ELSE 'late' END
			WHEN @now > first_contact_due_at THEN 'late' ELSE 'pending' END AS v
	FROM o
)
SELECT 'first_contact' AS item, '' AS detail, v AS verdict, ${month('at')} AS month, area, '' AS category, COUNT(*) AS n FROM fc WHERE at >= @from AND at < @to GROUP BY v, month, area
UNION ALL
SELECT 'hotline_on_time', '', CASE WHEN return_approved_at IS NOT NULL THEN 'excluded' WHEN first_reply_at IS NOT NULL THEN CASE WHEN first_reply_at <= deadline_at THEN 'on_time' ELSE 'late' END
	WHEN @now > deadline_at THEN 'late' ELSE 'pending' END AS v, ${month('deadline_at - 1')} AS month, area, '', COUNT(*) FROM o WHERE deadline_at > @from AND deadline_at <= @to GROUP BY v, month, area
UNION ALL
SELECT 'orders_received', '', '', ${month('received_at')} AS month, area, '', COUNT(*) FROM o WHERE ${inSpan('received_at')} GROUP BY month, area
UNION ALL
SELECT 'return', '', CASE WHEN return_approved_at IS NOT NULL THEN 'on_time' ELSE 'late' END AS v, ${month('received_at')} AS month, area, '', COUNT(*) FROM o WHERE ${inSpan('received_at')} GROUP BY v, month, area
UNION ALL
SELECT 'orders_completed', '', '', ${month('completed_at')} AS month, area, '', COUNT(*) FROM o WHERE ${inSpan('completed_at')} GROUP BY month, area
UNION ALL
SELECT 'satisfaction', '', CASE WHEN satisfaction IS NULL OR satisfaction = 'unreachable' THEN 'excluded' WHEN satisfaction IN ('满意', '基本满意') THEN 'on_time' ELSE 'late' END AS v,
	${month('completed_at')} AS month, area, '', COUNT(*) FROM o WHERE ${inSpan('completed_at')} GROUP BY v, month, area`;

const ENFORCEMENT = `
SELECT 'enforcement_opened' AS item, '' AS detail, '' AS verdict, ${month('created_at')} AS month, ${area('area_id')} AS area, '' AS category, COUNT(*) AS n
	FROM enforcement_cases WHERE ${inSpan('created_at')} GROUP BY month, area
UNION ALL
SELECT 'enforcement_closed', COALESCE(outcome, ''), '', ${month('closed_at')} AS month, ${area('area_id')} AS area, '', COUNT(*)
	FROM enforcement_cases WHERE status IN ('closed', 'cancelled') AND ${inSpan('closed_at')} GROUP BY outcome, month, area`;

interface Row {
	item: string;
	detail: string;
	verdict: string;
	month: string;
	area: string;
	category: string;
	n: number;
}

/** The year's figures grouped by month and by 片区, by GROUP BY over the rows (span in ms, [from, to)). */
export function plainGroupBy(
	sqlite: Database.Database,
	from: string,
	to: string,
	span: { fromMs: number; toMs: number },
	now: number
): { month: StatsResult; area: StatsResult } {
	const params = { from: span.fromMs, to: span.toMs, now };
	const rows = [GRID_DUE, GRID_VOLUMES, ORDERS, ENFORCEMENT].flatMap((q) => sqlite.prepare(q).all(params) as Row[]);
	const build = (groupBy: 'month' | 'area'): StatsResult => {
		const total = emptyBlock();
		const groups = new Map<string, StatsBlock>();
		for (const r of rows) {
			addItem(total, r.item, r.detail, r.verdict, r.category, r.n);
			let g = groups.get(r[groupBy]);
			if (!g) groups.set(r[groupBy], (g = emptyBlock()));
			addItem(g, r.item, r.detail, r.verdict, r.category, r.n);
		}
		return {
			from,
			to,
			groupBy,
			total,
			groups: [...groups.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([key, b]) => ({ key, ...b }))
		};
	};
	return { month: build('month'), area: build('area') };
}
