// The statistics as spreadsheets: the rates with both counts and the rule, and the cases
// and 12345 orders behind them with their milestones. Personal data is masked for every reader (an
// export leaves the system), and every text cell is neutralised against formula injection.
import type { Stream } from 'node:stream';
import ExcelJS from 'exceljs';
import { judgeCompletion } from '$lib/domain/hotline-timing';
import { maskName, maskPhone } from '$lib/domain/personal-data';
import {
	dueDate,
	gridRateFacts,
	judgeGridEfficient,
	judgeGridOnTime,
	rateValue,
	type Verdict
} from '$lib/domain/rates';
import { categoryLabel } from '$lib/domain/category-search';
import { addDays, isValidDate, shanghaiDateTime } from '$lib/domain/working-days';
import { hotlineStatusLabel, statusLabel } from '$lib/labels';
import { label, type Msg } from '$lib/labels/label';
import { m } from '$lib/paraglide/messages';
import type { Db } from '../../db/create-database';
import { neutralizeFormula } from '../../import/export';
import { listPeriodCaseEvents, listPeriodCases, listPeriodOrders } from '../../repositories/stats-export';
import { computeStats, spanOf, type StatsBlock } from './compute';
import { RATE_KEYS, VOLUME_KEYS, type RateKey, type VolumeKey } from './judge';

/** A period may span at most this many days, both ends included (a leap year). */
export const MAX_PERIOD_DAYS = 366;

export type PeriodError = 'date_required' | 'invalid_date' | 'from_after_to' | 'period_too_long';
export type PeriodCheck =
	{ ok: true; from: string; to: string } | { ok: false; code: PeriodError; field: 'from' | 'to' };

/** `from` and `to` as real 'YYYY-MM-DD' dates (Asia/Shanghai, inclusive), from ≤ to, at most a year apart. */
export function parsePeriod(params: URLSearchParams): PeriodCheck {
	const from = params.get('from') ?? '';
	const to = params.get('to') ?? '';
	if (!from) return { ok: false, code: 'date_required', field: 'from' };
	if (!to) return { ok: false, code: 'date_required', field: 'to' };
	if (!isValidDate(from)) return { ok: false, code: 'invalid_date', field: 'from' };
	if (!isValidDate(to)) return { ok: false, code: 'invalid_date', field: 'to' };
	if (from > to) return { ok: false, code: 'from_after_to', field: 'to' };
	if (addDays(from, MAX_PERIOD_DAYS - 1) < to) return { ok: false, code: 'period_too_long', field: 'to' };
	return { ok: true, from, to };
}

/** A rate is a number with a percent format (0.9983 shown as 99.83%), so a spreadsheet can compute with it. */
export type Percent = { percent: number };
export type Cell = string | number | null | Percent;
export interface Sheet {
	name: string;
	headers: string[];
	rows: Cell[][];
}

const RATE_NAMES: Record<RateKey, Msg> = {
	first_contact: m.export_rate_first_contact,
	hotline_on_time: m.export_rate_hotline_on_time,
	grid_on_time: m.export_rate_grid_on_time,
	grid_efficient: m.export_rate_grid_efficient,
	rework: m.export_rate_rework,
	satisfaction: m.export_rate_satisfaction,
	return: m.export_rate_return,
	extension: m.export_rate_extension
};
const RATE_RULES: Record<RateKey, Msg> = {
	first_contact: m.export_rule_first_contact,
	hotline_on_time: m.export_rule_hotline_on_time,
	grid_on_time: m.export_rule_grid_on_time,
	grid_efficient: m.export_rule_grid_efficient,
	rework: m.export_rule_rework,
	satisfaction: m.export_rule_satisfaction,
	return: m.export_rule_return,
	extension: m.export_rule_extension
};
const VOLUME_NAMES: Record<VolumeKey, Msg> = {
	reported: m.export_volume_reported,
	closed: m.export_volume_closed,
	orders_received: m.export_volume_orders_received,
	orders_completed: m.export_volume_orders_completed,
	enforcement_opened: m.export_volume_enforcement_opened,
	enforcement_closed: m.export_volume_enforcement_closed,
	stock_structures_closed: m.export_volume_stock_structures_closed,
	supervised: m.export_volume_supervised
};
const VERDICTS: Record<Verdict, Msg> = {
	on_time: m.export_verdict_on_time,
	late: m.export_verdict_late,
	pending: m.export_verdict_pending,
	excluded: m.export_verdict_excluded
};
export const rateName = (k: RateKey) => label(RATE_NAMES, k);
export const rateRule = (k: RateKey) => label(RATE_RULES, k);
export const volumeName = (k: VolumeKey) => label(VOLUME_NAMES, k);
/** 是 / 否 / 未判定 / 不计入 */
const verdictLabel = (v: Verdict) => label(VERDICTS, v);

function statsRows(block: StatsBlock): Cell[][] {
	const rates: Cell[][] = RATE_KEYS.map((k) => {
		const c = block.rates[k];
		const value = rateValue(c);
		// Nothing decided shows '—', never 0 %.
		return [
			rateName(k),
			c.numerator,
			c.denominator,
			value === null ? '—' : { percent: value },
			c.excluded,
			c.undecided,
			rateRule(k)
		];
	});
	const volumes: Cell[][] = VOLUME_KEYS.map((k) => [volumeName(k), block.volumes[k]]);
	return [...rates, [], [m.export_col_volume(), m.export_col_count()], ...volumes];
}

const statsHeaders = () => [
	m.export_col_rate(),
	m.export_col_numerator(),
	m.export_col_denominator(),
	m.export_col_percentage(),
	m.export_col_excluded(),
	m.export_col_undecided(),
	m.export_col_rule()
];

/** One sheet with every rate and volume of the period, and one per month when the period spans months. */
export async function buildStatsSheets(db: Db, from: string, to: string, now: number): Promise<Sheet[]> {
	const spansMonths = from.slice(0, 7) !== to.slice(0, 7);
	const s = await computeStats(db, from, to, spansMonths ? 'month' : null, now);
	const sheets: Sheet[] = [
		{
			name: m.export_sheet_period(),
			headers: statsHeaders(),
			rows: [[m.export_period({ from, to })], ...statsRows(s.total)]
		}
	];
	for (const g of s.groups)
		sheets.push({
			name: g.key,
			headers: statsHeaders(),
			rows: [[m.export_period({ from: g.key, to: g.key })], ...statsRows(g)]
		});
	return sheets;
}

/** The milestones read from the event log: the first event of each action, the last 处置反馈 (the accepted one). */
const MILESTONES = ['report', 'register', 'dispatch', 'sign', 'feedback', 'check_pass', 'close'] as const;
type Milestone = (typeof MILESTONES)[number];
const LAST_WINS: ReadonlySet<Milestone> = new Set(['feedback']);

async function loadCaseRows(db: Db, from: string, to: string) {
	const span = spanOf(from, to);
	const [rows, events] = await Promise.all([listPeriodCases(db, span), listPeriodCaseEvents(db, span, MILESTONES)]);
	const milestones = new Map<number, Partial<Record<Milestone, number>>>();
	for (const e of events) {
		let mm = milestones.get(e.case_id);
		if (!mm) milestones.set(e.case_id, (mm = {}));
		const action = e.action as Milestone;
		if (mm[action] === undefined || LAST_WINS.has(action)) mm[action] = e.at;
	}
	return rows.map((r) => ({ ...r, milestones: milestones.get(r.id) ?? {} }));
}

/** The 12345 orders counted in the period's 按时办结率: their 办结 deadline falls in it (24:00 belongs to its day). */
const loadOrderRows = (db: Db, from: string, to: string) => listPeriodOrders(db, spanOf(from, to));

const time = (ms: number | null | undefined): string => (ms === null || ms === undefined ? '' : shanghaiDateTime(ms));
/** A deadline at midnight is 24:00 of the day it ends (the day whose period it counts in). */
const deadline = (ms: number | null): string =>
	ms === null ? '' : shanghaiDateTime(ms).endsWith(' 00:00') ? `${dueDate(ms)} 24:00` : shanghaiDateTime(ms);

/** Two sheets: the period's grid cases with their milestones and verdicts, and the period's 12345 orders (name and phone masked). */
export async function buildCaseSheets(db: Db, from: string, to: string, now: number): Promise<Sheet[]> {
	const [caseRows, orderRows] = await Promise.all([loadCaseRows(db, from, to), loadOrderRows(db, from, to)]);
	const grid: Sheet = {
		name: m.export_sheet_cases(),
		headers: [
			m.export_col_case_code(),
			m.export_col_category(),
			m.export_col_area(),
			m.export_col_community(),
			m.export_col_department(),
			m.export_col_status(),
			m.export_col_reported(),
			m.export_col_registered(),
			m.export_col_dispatched(),
			m.export_col_signed(),
			m.export_col_handled(),
			m.export_col_checked(),
			m.export_col_closed(),
			m.export_col_deadline(),
			m.export_col_on_time(),
			m.export_col_efficient()
		],
		rows: caseRows.map((r) => {
			const facts = gridRateFacts(r);
			const ms = r.milestones;
			return [
				r.code,
				categoryLabel(r),
				r.area_name,
				r.community_name,
				r.department_name ?? '',
				statusLabel(r.status),
				time(ms.report ?? r.reported_at),
				time(ms.register),
				time(ms.dispatch),
				time(ms.sign),
				time(ms.feedback),
				time(ms.check_pass),
				time(ms.close),
				deadline(r.deadline_at),
				verdictLabel(judgeGridOnTime(facts, now).verdict),
				verdictLabel(judgeGridEfficient(facts, now).verdict)
			];
		})
	};
	const orders: Sheet = {
		name: m.export_sheet_orders(),
		headers: [
			m.export_col_order_no(),
			m.export_col_citizen(),
			m.export_col_phone(),
			m.export_col_community(),
			m.export_col_department(),
			m.export_col_status(),
			m.export_col_received(),
			m.export_col_signed(),
			m.export_col_first_contact(),
			m.export_col_answered(),
			m.export_col_completed(),
			m.export_col_order_deadline(),
			m.export_col_on_time()
		],
		rows: orderRows.map((o) => [
			o.order_no,
			o.citizen_name ? maskName(o.citizen_name) : '',
			o.phone ? maskPhone(o.phone) : '',
			o.community_name ?? '',
			o.department_name ?? '',
			hotlineStatusLabel(o.status),
			time(o.received_at),
			time(o.signed_at),
			time(o.first_contact_at),
			time(o.first_reply_at),
			time(o.completed_at),
			deadline(o.deadline_at),
			verdictLabel(
				judgeCompletion(
					{ deadlineAt: o.deadline_at, firstReplyAt: o.first_reply_at, returnApprovedAt: o.return_approved_at },
					now
				).verdict
			)
		])
	};
	return [grid, orders];
}

const isPercent = (v: Cell): v is Percent => typeof v === 'object' && v !== null;
const cellValue = (v: Cell): string | number | null =>
	isPercent(v) ? v.percent : typeof v === 'string' ? (v === '' ? null : neutralizeFormula(v)) : v;

/** Excel refuses sheet names over 31 characters or with []:*?/\. */
const sheetName = (s: string) => s.replace(/[[\]:*?/\\]/g, '-').slice(0, 31);

/** Writes the sheets as one XLSX (streamed; numbers stay numbers, text is neutralised) and ends `out`. */
export async function writeWorkbook(sheets: readonly Sheet[], out: NodeJS.WritableStream): Promise<void> {
	const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
		stream: out as unknown as Stream,
		useStyles: true,
		useSharedStrings: false
	});
	for (const s of sheets) {
		const sheet = workbook.addWorksheet(sheetName(s.name));
		sheet.addRow(s.headers.map(cellValue)).commit();
		for (const values of s.rows) {
			const row = sheet.addRow(values.map(cellValue));
			values.forEach((v, i) => {
				if (isPercent(v)) row.getCell(i + 1).numFmt = '0.00%';
			});
			row.commit();
		}
		sheet.commit();
	}
	await workbook.commit();
}
