// The plain way, for the statistics benchmark: one GROUP BY pass per kind of fact over the case rows
// themselves, the verdicts written out in SQL (the same rules as src/lib/domain/rates.ts and
// hotline-timing.ts), grouped by month and 片区 at once and then added up both ways. The same text
// serves SQLite and PostgreSQL: only the month of an instant is written differently, and the
// parameters (@from, @to, @now) become $1, $2, $3 for PostgreSQL.
import type Database from 'better-sqlite3';
import type pg from 'pg';
import { addItem, emptyBlock, type StatsBlock, type StatsResult } from '../src/lib/server/services/stats/block';

let dialect: 'sqlite' | 'postgres' = 'sqlite';
// Instants are milliseconds; months are Shanghai's (UTC+8), as everywhere in the app.
const month = (col: string) =>
	dialect === 'sqlite'
		? `strftime('%Y-%m', (${col}) / 1000 + 28800, 'unixepoch')`
		: `to_char(to_timestamp(floor((${col}) / 1000.0) + 28800) AT TIME ZONE 'UTC', 'YYYY-MM')`;
const area = (col: string) => `COALESCE(CAST(${col} AS TEXT), '')`;
const inSpan = (col: string) => `${col} >= @from AND ${col} < @to`;

const GRID_DUE = () => `
WITH g AS MATERIALIZED (
	SELECT ${area('c.area_id')} AS area,
		${month('(CASE WHEN c.deadline_at IS NOT NULL THEN c.deadline_at - 1 ELSE c.reported_at END)')} AS month,
		CASE WHEN c.status = 'void' OR c.handle_value IS NULL OR c.status = 'parked' THEN 'excluded'
			WHEN c.deadline_at IS NULL THEN 'pending'
			WHEN c.status = 'closed' THEN CASE WHEN COALESCE(c.feedback_at, c.closed_at) <= c.deadline_at THEN 'on_time' ELSE 'late' END
			WHEN c.status = 'checked' AND c.feedback_at <= c.deadline_at THEN 'on_time'
			WHEN c.status = 'feedback' AND c.feedback_at <= c.deadline_at THEN
				CASE WHEN @now > COALESCE(c.stage_deadline_at, c.deadline_at) AND @now > c.deadline_at THEN 'late' ELSE 'pending' END
			WHEN @now > c.deadline_at THEN 'late' ELSE 'pending' END AS v,
		CASE WHEN c.status IN ('checked', 'closed') AND c.feedback_at <= c.efficient_deadline_at THEN 1 ELSE 0 END AS hit
	FROM cases c
	WHERE (c.deadline_at > @from AND c.deadline_at <= @to) OR (c.deadline_at IS NULL AND ${inSpan('c.reported_at')})
)
SELECT 'grid_on_time' AS item, '' AS detail, v AS verdict, month, area, '' AS category, COUNT(*) AS n FROM g GROUP BY v, month, area
UNION ALL
SELECT 'grid_efficient', '', CASE WHEN v IN ('on_time', 'late') THEN CASE WHEN hit = 1 THEN 'on_time' ELSE 'late' END ELSE v END AS ev, month, area, '', COUNT(*) FROM g GROUP BY ev, month, area`;

const GRID_VOLUMES = () => `
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

const ORDERS = () => `
WITH o AS MATERIALIZED (
	SELECT h.*, ${area('h.area_id')} AS area FROM hotline_orders h
	WHERE (h.first_contact_due_at > @from AND h.first_contact_due_at <= @to) OR (h.deadline_at > @from AND h.deadline_at <= @to)
		OR ${inSpan('h.received_at')} OR ${inSpan('h.completed_at')}
), fc AS (
	SELECT area, CASE WHEN first_contact_due_at IS NOT NULL THEN first_contact_due_at - 1 ELSE received_at END AS at,
		CASE WHEN has_phone IS DISTINCT FROM 1 OR contact_outcome IS NOT DISTINCT FROM 'no_phone' OR contact_outcome IS NOT DISTINCT FROM 'declined' THEN 'excluded'
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

const ENFORCEMENT = () => `
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

/** Runs the four queries on either database; rows come back with `n` as a number. */
interface Runner {
	dialect: 'sqlite' | 'postgres';
	all(sqlText: string, params: { from: number; to: number; now: number }): Promise<Row[]>;
}

export const onSqlite = (sqlite: Database.Database): Runner => ({
	dialect: 'sqlite',
	all: async (sqlText, params) => sqlite.prepare(sqlText).all(params) as Row[]
});

export const onPostgres = (pool: pg.Pool): Runner => ({
	dialect: 'postgres',
	async all(sqlText, params) {
		// Numbered in the order they first appear: PostgreSQL refuses a parameter the text does not use.
		const names: (keyof typeof params)[] = [];
		const text = sqlText.replace(/@(from|to|now)\b/g, (_, name: keyof typeof params) => {
			if (!names.includes(name)) names.push(name);
			return `$${names.indexOf(name) + 1}`;
		});
		const { rows } = await pool.query<Row>(
			text,
			names.map((n) => params[n])
		);
		return rows.map((r) => ({ ...r, n: Number(r.n) }));
	}
});

/** The year's figures grouped by month and by 片区, by GROUP BY over the rows (span in ms, [from, to)). */
export async function plainGroupBy(
	run: Runner,
	from: string,
	to: string,
	span: { fromMs: number; toMs: number },
	now: number
): Promise<{ month: StatsResult; area: StatsResult }> {
	const params = { from: span.fromMs, to: span.toMs, now };
	const rows: Row[] = [];
	dialect = run.dialect;
	for (const q of [GRID_DUE, GRID_VOLUMES, ORDERS, ENFORCEMENT]) rows.push(...(await run.all(q(), params)));
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
