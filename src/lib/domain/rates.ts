// The rates leadership is judged on: per-case judgements, then counts.
// Pure: `now` is a parameter; the period rule and the rounding live here and nowhere else.
import type { Judgement } from './hotline-timing';
import { shanghaiDate } from './working-days';

export type Verdict = Judgement['verdict'];

/** Why a grid case was judged as it was; the UI shows it beside the rule. */
export type GridReason =
	| 'closed_before_due'
	| 'closed_after_due'
	| 'open_past_due'
	| 'awaiting_handling'
	| 'awaiting_check'
	| 'check_overdue'
	| 'checked_before_due'
	| 'not_dispatched'
	| 'efficient'
	| 'not_efficient'
	| 'excluded_void'
	| 'excluded_parked'
	| 'excluded_no_limit';

export interface GridJudgement {
	verdict: Verdict;
	/** The deadline judged against; its date decides the period. */
	dueAt: number | null;
	countedAt: number | null;
	reason: GridReason;
}

/** What the grid rates read from a case row. */
export interface GridRateFacts {
	status: string;
	/** False for categories without a daily handling limit (存量违建 专项): never in the on-time rates. */
	hasLimit: boolean;
	deadlineAt: number | null; // handling deadline, approved 延期 and 挂账 already applied
	efficientDeadlineAt: number | null;
	feedbackAt: number | null; // the last 处置反馈: the accepted one once the case is closed
	closedAt: number | null;
	/** While the 处置反馈 waits for 核查: when the 核查 step itself is due (2 working hours after the feedback). */
	checkDueAt: number | null;
}

/** The facts from a case row as the statistics read it (stage_deadline_at is the current step's limit). */
export function gridRateFacts(r: {
	status: string;
	handle_value: number | null;
	deadline_at: number | null;
	efficient_deadline_at: number | null;
	feedback_at: number | null;
	closed_at: number | null;
	stage_deadline_at: number | null;
}): GridRateFacts {
	return {
		status: r.status,
		hasLimit: r.handle_value !== null,
		deadlineAt: r.deadline_at,
		efficientDeadlineAt: r.efficient_deadline_at,
		feedbackAt: r.feedback_at,
		closedAt: r.closed_at,
		checkDueAt: r.status === 'feedback' ? r.stage_deadline_at : null
	};
}

/** The 核查 has passed: the 处置反馈 is accepted (结案 only records it). */
const ACCEPTED = new Set(['checked', 'closed']);

/**
 * grid 按时办结: accepted 处置反馈 ≤ deadline and 核查 passed. Decided once the 核查 passed (结案
 * only records it), or once the deadline passed with the work still open (late). A 处置反馈 made in
 * time waits for its 核查 until the 核查 limit — 2 working hours after the feedback, or the handling
 * deadline, whichever is later — and counts as late from then until the 核查 passes: backlog never
 * makes a rate look better. A failed 核查 sends it back (返工 is judged on the
 * final feedback).
 */
export function judgeGridOnTime(c: GridRateFacts, now: number): GridJudgement {
	const j = (verdict: Verdict, reason: GridReason, countedAt: number | null = null): GridJudgement => ({
		verdict,
		dueAt: c.deadlineAt,
		countedAt,
		reason
	});
	if (c.status === 'void') return j('excluded', 'excluded_void');
	if (!c.hasLimit) return j('excluded', 'excluded_no_limit');
	if (c.status === 'parked') return j('excluded', 'excluded_parked');
	if (c.deadlineAt === null) return j('pending', 'not_dispatched');
	if (c.status === 'closed') {
		const at = c.feedbackAt ?? c.closedAt;
		return at !== null && at <= c.deadlineAt
			? j('on_time', 'closed_before_due', at)
			: j('late', 'closed_after_due', at);
	}
	const inTime = c.feedbackAt !== null && c.feedbackAt <= c.deadlineAt;
	if (inTime && c.status === 'checked') return j('on_time', 'checked_before_due', c.feedbackAt);
	if (inTime && c.status === 'feedback') {
		const checkLimit = Math.max(c.checkDueAt ?? c.deadlineAt, c.deadlineAt);
		return now > checkLimit ? j('late', 'check_overdue') : j('pending', 'awaiting_check', c.feedbackAt);
	}
	return now > c.deadlineAt ? j('late', 'open_past_due') : j('pending', 'awaiting_handling');
}

/** grid 高效处置: same cases and periods as 按时办结; the hit is a case whose accepted feedback met the efficient limit. */
export function judgeGridEfficient(c: GridRateFacts, now: number): GridJudgement {
	const base = judgeGridOnTime(c, now);
	if (base.verdict !== 'on_time' && base.verdict !== 'late') return base;
	const hit =
		ACCEPTED.has(c.status) &&
		c.feedbackAt !== null &&
		c.efficientDeadlineAt !== null &&
		c.feedbackAt <= c.efficientDeadlineAt;
	return { ...base, verdict: hit ? 'on_time' : 'late', reason: hit ? 'efficient' : 'not_efficient' };
}

/** A rate as shown: both counts, and how many were left out or are still open. */
export interface RateCount {
	numerator: number;
	denominator: number;
	excluded: number;
	undecided: number;
}

export const emptyCount = (): RateCount => ({ numerator: 0, denominator: 0, excluded: 0, undecided: 0 });

/** Counts `n` cases (default one) with the verdict `v`. */
export function addVerdict(c: RateCount, v: Verdict, n = 1): void {
	if (v === 'on_time') {
		c.numerator += n;
		c.denominator += n;
	} else if (v === 'late') c.denominator += n;
	else if (v === 'pending') c.undecided += n;
	else c.excluded += n;
}

/** A plain share (numerator of denominator) for rates that are not on-time judgements: 返工率, 满意率 … */
export function addShare(c: RateCount, inDenominator: boolean, inNumerator: boolean): void {
	if (!inDenominator) return;
	c.denominator++;
	if (inNumerator) c.numerator++;
}

/** Basis points (1/100 of a percent), rounded half up once; null when nothing was decided. */
export function rateBasisPoints(c: Pick<RateCount, 'numerator' | 'denominator'>): number | null {
	if (c.denominator === 0) return null;
	return Math.floor((c.numerator * 20_000 + c.denominator) / (2 * c.denominator));
}

/** '99.83%' — the one place a rate is rounded; '—' when nothing was decided. */
export function formatRate(c: Pick<RateCount, 'numerator' | 'denominator'>): string {
	const bp = rateBasisPoints(c);
	if (bp === null) return '—';
	return `${Math.floor(bp / 100)}.${String(bp % 100).padStart(2, '0')}%`;
}

/** The value for JSON: a fraction with 4 decimals (99.83% → 0.9983), rounded like formatRate. */
export function rateValue(c: Pick<RateCount, 'numerator' | 'denominator'>): number | null {
	const bp = rateBasisPoints(c);
	return bp === null ? null : bp / 10_000;
}

/**
 * The period rule (a GridCase rule, README "Rules chosen where the references are silent"): a case counts in the period its deadline falls in. A deadline
 * at 24:00 belongs to the day that ends there, so 2023-12-31 24:00 is in December 2023.
 */
export function dueDate(dueAt: number): string {
	return shanghaiDate(dueAt - 1);
}

/** Inclusive date range check on 'YYYY-MM-DD' strings. */
export const inRange = (date: string, from: string, to: string): boolean => date >= from && date <= to;

/** `worker`: the reporter of a grid case (网格员 and 城运中心 staff); 12345 orders have none. */
export type GroupBy = 'month' | 'area' | 'community' | 'category' | 'department' | 'worker';
export const GROUP_BYS: readonly GroupBy[] = ['month', 'area', 'community', 'category', 'department', 'worker'];

/** The eight rates in the order leadership reads them: the grid's own first, then 12345, then the lower-is-better ones. */
export const SHOWN_RATES = [
	'grid_on_time',
	'grid_efficient',
	'first_contact',
	'hotline_on_time',
	'rework',
	'satisfaction',
	'return',
	'extension'
] as const;
