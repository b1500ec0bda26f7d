// The plan of the demo history, 2023-01-01 up to two weeks ago: what is reported when, where, of
// which kind, and how each case or order turns out. Pure and deterministic (a fixed seed); the
// instants come from the official calendar, so the deadlines the services will compute are known
// here already. The run (run-*.ts) then carries every item through the real services.
//
// The 2023 outcomes are planned to the subdistrict's published figures; the rates are never stored,
// they come out of the statistics over these rows (and a test checks they do).
import { computeDeadline, type Limit } from '../../src/lib/domain/deadlines';
import { HOTLINE_LIMITS } from '../../src/lib/domain/hotline-stages';
import { dueDate } from '../../src/lib/domain/rates';
import { addDays, isWorkday, shanghaiMidnight, type WorkCalendar } from '../../src/lib/domain/working-days';

export const TARGET_2023 = {
	gridDecided: 603, // grid 按时办结率 99.83% = 602 / 603
	gridLate: 1,
	gridEfficient: 423, // 高效处置率 70.15% = 423 / 603
	contactable: 755, // 先行联系率 97.35% = 735 / 755
	contactLate: 20,
	stockStructures: 109, // 存量违建 closed in 2023
	enforcement: 9 // 非现场执法 cases in 2023
} as const;

const MINUTE = 60_000;
/** Relative volume by month (1 = Jan): 春节 in Jan/Feb, a busy summer (垃圾, 绿化, 积水). */
const SEASON = [0.9, 0.7, 1, 1, 1.05, 1.15, 1.25, 1.25, 1.05, 0.95, 1, 0.95];

export function rng(seed: number) {
	let s = seed >>> 0;
	return () => (s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32;
}
type Rand = () => number;
const pick = <T>(r: Rand, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];

export interface CategoryRef {
	code: string;
	handle: Limit | null;
	efficient: Limit | null;
	weight: number;
}

export type GridOutcome = 'efficient' | 'in_time' | 'late' | 'void' | 'stock';
export interface PlannedCase {
	reportedAt: number;
	dispatchAt: number;
	category: string;
	communityIndex: number;
	/** The final handling deadline: as computed at 派遣 (null for 存量违建), or the approved 延期. */
	deadlineAt: number | null;
	/** An approved 延期 to 24:00 three days after the original deadline's day. */
	extended: boolean;
	outcome: GridOutcome;
	rework: boolean;
	source: 'patrol' | 'resident' | 'video' | 'leader';
}

export interface PlannedOrder {
	receivedAt: number;
	signAt: number;
	typeCode: string;
	limit: Limit;
	communityIndex: number;
	anonymous: boolean;
	declined: boolean;
	/** 退单 approved right after 签收 (not this street's matter): out of both rates. */
	returned: boolean;
	contactLate: boolean;
	satisfaction: '满意' | '基本满意' | 'unreachable';
}

/** A working-day instant in [from, to] between 08:40 and 17:20 (a few on weekends). */
function instantsOfMonth(
	r: Rand,
	cal: WorkCalendar,
	month: string,
	count: number,
	first: string,
	last: string
): number[] {
	const days: string[] = [];
	for (let d = `${month}-01`; d.startsWith(month); d = addDays(d, 1)) if (d >= first && d <= last) days.push(d);
	if (!days.length) return [];
	const work = days.filter((d) => isWorkday(d, cal));
	const out: number[] = [];
	for (let i = 0; i < count; i++) {
		const day = work.length && r() < 0.9 ? pick(r, work) : pick(r, days);
		out.push(shanghaiMidnight(day) + Math.floor((8 * 60 + 40 + r() * 520) * MINUTE));
	}
	return out.sort((a, b) => a - b);
}

const months = (first: string, last: string) => {
	const out: string[] = [];
	for (let m = first.slice(0, 7); m <= last.slice(0, 7); m = addDays(`${m}-28`, 5).slice(0, 7)) out.push(m);
	return out;
};

function weightedPick<T extends { weight: number }>(r: Rand, cats: readonly T[]): T {
	const total = cats.reduce((s, c) => s + c.weight, 0);
	let x = r() * total;
	for (const c of cats) if ((x -= c.weight) < 0) return c;
	return cats[cats.length - 1];
}

/** Shuffles deterministically (Fisher–Yates). */
function shuffle<T>(r: Rand, xs: T[]): T[] {
	for (let i = xs.length - 1; i > 0; i--) {
		const j = Math.floor(r() * (i + 1));
		[xs[i], xs[j]] = [xs[j], xs[i]];
	}
	return xs;
}

/** 延期 approved to the end of the third day after the original deadline's day. */
export const extendedDeadline = (deadlineAt: number) => shanghaiMidnight(addDays(dueDate(deadlineAt), 4));

export function planGrid(
	cal: WorkCalendar,
	cats: readonly CategoryRef[],
	communities: number,
	last: string,
	perMonth = 52
): PlannedCase[] {
	const r = rng(2023);
	const limited = cats.filter((c) => c.handle);
	const stock = cats.find((c) => !c.handle);
	const out: PlannedCase[] = [];
	for (const month of months('2023-01-01', last)) {
		const n = Math.round(perMonth * SEASON[Number(month.slice(5)) - 1] * (0.9 + r() * 0.2));
		for (const reportedAt of instantsOfMonth(r, cal, month, n, '2023-01-01', last)) {
			const cat = weightedPick(r, limited);
			const dispatchAt = reportedAt + 30 * MINUTE;
			const src = r();
			const extended = r() < 0.03;
			const deadlineAt = computeDeadline(dispatchAt, cat.handle!, cal);
			out.push({
				reportedAt,
				dispatchAt,
				category: cat.code,
				communityIndex: Math.floor(r() * communities),
				extended,
				deadlineAt: extended ? extendedDeadline(deadlineAt) : deadlineAt,
				outcome: r() < 0.02 ? 'void' : 'in_time',
				rework: r() < 0.04,
				source: src < 0.72 ? 'patrol' : src < 0.88 ? 'resident' : src < 0.97 ? 'video' : 'leader'
			});
		}
		// 存量违建 拆除 (专项, no daily limit): ten a month in 2023 up to the 109 demolished, fewer after.
		const stockCount = month < '2024' ? (month === '2023-11' ? 9 : month === '2023-12' ? 0 : 10) : 4;
		if (stock)
			for (const reportedAt of instantsOfMonth(r, cal, month, stockCount, '2023-01-01', last)) {
				out.push({
					reportedAt,
					dispatchAt: reportedAt + 30 * MINUTE,
					category: stock.code,
					communityIndex: Math.floor(r() * communities),
					deadlineAt: null,
					extended: false,
					outcome: 'stock',
					rework: false,
					source: 'patrol'
				});
			}
	}
	out.sort((a, b) => a.reportedAt - b.reportedAt);
	// 2023: exactly the published numbers among the cases whose deadline falls in 2023; any further
	// ones due in 2023 are 作废 (duplicates), which the rates exclude.
	const due2023 = out.filter(
		(c) => c.deadlineAt !== null && c.outcome !== 'void' && dueDate(c.deadlineAt).startsWith('2023')
	);
	if (due2023.length < TARGET_2023.gridDecided)
		throw new Error(`demo plan: only ${due2023.length} grid cases due in 2023`);
	for (const c of due2023.slice(TARGET_2023.gridDecided)) c.outcome = 'void';
	const kept = due2023.slice(0, TARGET_2023.gridDecided);
	const outcomes: GridOutcome[] = [
		...Array<GridOutcome>(TARGET_2023.gridLate).fill('late'),
		...Array<GridOutcome>(TARGET_2023.gridEfficient).fill('efficient'),
		...Array<GridOutcome>(TARGET_2023.gridDecided - TARGET_2023.gridLate - TARGET_2023.gridEfficient).fill('in_time')
	];
	shuffle(r, outcomes).forEach((o, i) => (kept[i].outcome = o));
	// After 2023: about 99 % in time and 70 % efficient, drawn case by case.
	for (const c of out) {
		if (c.outcome !== 'in_time' || (c.deadlineAt !== null && dueDate(c.deadlineAt).startsWith('2023'))) continue;
		const x = r();
		c.outcome = x < 0.006 ? 'late' : x < 0.7 ? 'efficient' : 'in_time';
	}
	// A 返工 needs time between two feedbacks: not for the efficient ones.
	for (const c of out) if (c.outcome === 'efficient' || c.outcome === 'void' || c.outcome === 'stock') c.rework = false;
	return out;
}

export function planOrders(
	cal: WorkCalendar,
	types: readonly { code: string; limit: Limit; weight: number }[],
	communities: number,
	last: string,
	perMonth = 72
): PlannedOrder[] {
	const r = rng(12345);
	const out: PlannedOrder[] = [];
	for (const month of months('2023-01-01', last)) {
		const n = Math.round(perMonth * SEASON[Number(month.slice(5)) - 1] * (0.9 + r() * 0.2));
		for (const receivedAt of instantsOfMonth(r, cal, month, n, '2023-01-01', last)) {
			const t = weightedPick(r, types);
			const s = r();
			out.push({
				receivedAt,
				signAt: receivedAt + 35 * MINUTE,
				typeCode: t.code,
				limit: t.limit,
				communityIndex: Math.floor(r() * communities),
				anonymous: r() < 0.05,
				declined: r() < 0.02,
				returned: r() < 0.02,
				contactLate: false,
				satisfaction: s < 0.02 ? 'unreachable' : s < 0.8 ? '满意' : '基本满意'
			});
		}
	}
	out.sort((a, b) => a.receivedAt - b.receivedAt);
	const fcDue = (o: PlannedOrder) => computeDeadline(o.signAt, HOTLINE_LIMITS.firstContact, cal);
	const contactable = (o: PlannedOrder) => !o.anonymous && !o.declined && !o.returned;
	// 2023: exactly 755 contactable orders whose 先行联系 falls due in 2023; later ones are anonymous.
	const due2023 = out.filter((o) => contactable(o) && dueDate(fcDue(o)).startsWith('2023'));
	if (due2023.length < TARGET_2023.contactable)
		throw new Error(`demo plan: only ${due2023.length} contactable orders due in 2023`);
	for (const o of due2023.slice(TARGET_2023.contactable)) o.anonymous = true;
	// A late contact is on a 5-day order, so the answer still comes in time (2023's 按时办结率 is 100 %).
	const slow = shuffle(
		r,
		due2023.slice(0, TARGET_2023.contactable).filter((o) => o.limit.value >= 3)
	);
	for (const o of slow.slice(0, TARGET_2023.contactLate)) o.contactLate = true;
	for (const o of out)
		if (contactable(o) && !dueDate(fcDue(o)).startsWith('2023') && o.limit.value >= 3 && r() < 0.025)
			o.contactLate = true;
	return out;
}
