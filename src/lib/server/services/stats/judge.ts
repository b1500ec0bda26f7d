// Turns the period's rows into counted facts: one entry per (rate, case or order), each with the
// verdict and the keys it groups by. The totals, the groups and the drill-down lists all come from
// these same entries, so a figure and the list behind it can never disagree.
import { judgeCompletion, judgeFirstContact } from '$lib/domain/hotline-timing';
import { dueDate, gridRateFacts, inRange, judgeGridEfficient, judgeGridOnTime, type Verdict } from '$lib/domain/rates';
import { shanghaiDate } from '$lib/domain/working-days';
import type { EnforcementStatsRow, GridCaseStatsRow, GridEventRow, OrderStatsRow } from '../../repositories/stats';

export const RATE_KEYS = [
	'first_contact',
	'hotline_on_time',
	'grid_on_time',
	'grid_efficient',
	'rework',
	'satisfaction',
	'return',
	'extension'
] as const;
export type RateKey = (typeof RATE_KEYS)[number];

export const VOLUME_KEYS = [
	'reported',
	'closed',
	'orders_received',
	'orders_completed',
	'enforcement_opened',
	'enforcement_closed',
	'stock_structures_closed',
	'supervised'
] as const;
export type VolumeKey = (typeof VOLUME_KEYS)[number];

/** The category whose closed cases are the 存量违建 拆除 count. */
export const STOCK_STRUCTURE_CATEGORY = 'SH-XQGL-02';

export interface GroupKeys {
	month: string;
	area: string;
	community: string;
	category: string;
	department: string;
	worker: string;
}

export type Entry =
	| { type: 'rate'; rate: RateKey; verdict: Verdict; kind: 'case' | 'order'; id: number; keys: GroupKeys }
	| {
			type: 'volume';
			volume: VolumeKey;
			detail: string | null;
			kind: 'case' | 'order' | 'enforcement';
			id: number;
			keys: GroupKeys;
	  };

const key = (v: number | string | null) => (v === null ? '' : String(v));
const month = (date: string) => date.slice(0, 7);

export interface JudgeInput {
	from: string;
	to: string;
	now: number;
	grid: GridCaseStatsRow[];
	gridEvents: GridEventRow[];
	orders: OrderStatsRow[];
	enforcement: EnforcementStatsRow[];
}

/** The period being judged: its first and last day (Shanghai dates) and the moment of judging. */
type Period = Pick<JudgeInput, 'from' | 'to' | 'now'>;

const within = (p: Period, ms: number | null) => ms !== null && inRange(shanghaiDate(ms), p.from, p.to);
const rateEntry = (rate: RateKey, verdict: Verdict, kind: 'case' | 'order', id: number, keys: GroupKeys): Entry => ({
	type: 'rate',
	rate,
	verdict,
	kind,
	id,
	keys
});
const volumeEntry = (
	volume: VolumeKey,
	detail: string | null,
	kind: 'case' | 'order' | 'enforcement',
	id: number,
	keys: GroupKeys
): Entry => ({ type: 'volume', volume, detail, kind, id, keys });

const caseKeys = (
	r: {
		category_code: string;
		area_id: number;
		community_id: number;
		department_id: number | null;
		reporter_id: number;
	},
	date: string
): GroupKeys => ({
	month: month(date),
	area: key(r.area_id),
	community: key(r.community_id),
	category: r.category_code,
	department: key(r.department_id),
	worker: key(r.reporter_id)
});

/** On-time rates count in the period of the deadline; without one, of the report. */
function judgeGridCase(p: Period, r: GridCaseStatsRow, out: Entry[]) {
	const facts = gridRateFacts(r);
	const date = r.deadline_at !== null ? dueDate(r.deadline_at) : shanghaiDate(r.reported_at);
	if (!inRange(date, p.from, p.to)) return;
	const keys = caseKeys(r, date);
	out.push(
		rateEntry('grid_on_time', judgeGridOnTime(facts, p.now).verdict, 'case', r.id, keys),
		rateEntry('grid_efficient', judgeGridEfficient(facts, p.now).verdict, 'case', r.id, keys)
	);
}

/** Volumes and shares count on the date of the event itself. */
function countGridEvent(p: Period, r: GridEventRow, out: Entry[]) {
	if (within(p, r.reported_at)) {
		const keys = caseKeys(r, shanghaiDate(r.reported_at));
		out.push(volumeEntry('reported', r.source, 'case', r.id, keys));
		if (r.supervised) out.push(volumeEntry('supervised', null, 'case', r.id, keys));
	}
	if (r.status === 'closed' && within(p, r.closed_at)) {
		const keys = caseKeys(r, shanghaiDate(r.closed_at!));
		out.push(volumeEntry('closed', r.source, 'case', r.id, keys));
		if (r.category_code === STOCK_STRUCTURE_CATEGORY)
			out.push(volumeEntry('stock_structures_closed', null, 'case', r.id, keys));
		out.push(rateEntry('rework', r.rework_count > 0 ? 'on_time' : 'late', 'case', r.id, keys));
	}
	if (within(p, r.dispatched_at))
		out.push(
			rateEntry('extension', r.extended ? 'on_time' : 'late', 'case', r.id, caseKeys(r, shanghaiDate(r.dispatched_at!)))
		);
}

/** 先行联系 and 按时办结 count in the period of their deadline; receipt, 退单, completion and 满意 on their own date. */
function judgeOrder(p: Period, o: OrderStatsRow, out: Entry[]) {
	const keysAt = (date: string): GroupKeys => ({
		month: month(date),
		area: key(o.area_id),
		community: key(o.community_id),
		category: o.category_code ?? '',
		department: key(o.department_id),
		worker: ''
	});
	const state = {
		hasPhone: o.has_phone === 1,
		contactOutcome: o.contact_outcome as never,
		firstContactDueAt: o.first_contact_due_at,
		firstContactAt: o.first_contact_at,
		returnApprovedAt: o.return_approved_at,
		deadlineAt: o.deadline_at,
		firstReplyAt: o.first_reply_at
	};
	const fc = judgeFirstContact(state, p.now);
	// Not signed yet: no window; it waits in the period it was received in.
	const fcDate = fc.dueAt !== null ? dueDate(fc.dueAt) : shanghaiDate(o.received_at);
	if (inRange(fcDate, p.from, p.to)) out.push(rateEntry('first_contact', fc.verdict, 'order', o.id, keysAt(fcDate)));
	const done = judgeCompletion(state, p.now);
	const doneDate = dueDate(o.deadline_at);
	if (inRange(doneDate, p.from, p.to))
		out.push(rateEntry('hotline_on_time', done.verdict, 'order', o.id, keysAt(doneDate)));
	if (within(p, o.received_at)) {
		const keys = keysAt(shanghaiDate(o.received_at));
		out.push(volumeEntry('orders_received', null, 'order', o.id, keys));
		out.push(rateEntry('return', o.return_approved_at !== null ? 'on_time' : 'late', 'order', o.id, keys));
	}
	if (within(p, o.completed_at)) {
		const keys = keysAt(shanghaiDate(o.completed_at!));
		out.push(volumeEntry('orders_completed', null, 'order', o.id, keys));
		const valid = o.satisfaction !== null && o.satisfaction !== 'unreachable';
		const satisfied = o.satisfaction === '满意' || o.satisfaction === '基本满意';
		out.push(rateEntry('satisfaction', valid ? (satisfied ? 'on_time' : 'late') : 'excluded', 'order', o.id, keys));
	}
}

/** Enforcement cases are counted only: opened on their creation date, closed (or cancelled) on their closing one. */
function countEnforcement(p: Period, e: EnforcementStatsRow, out: Entry[]) {
	const keysAt = (date: string): GroupKeys => ({
		month: month(date),
		area: key(e.area_id),
		community: key(e.community_id),
		category: e.category_code,
		department: '',
		worker: ''
	});
	if (within(p, e.created_at))
		out.push(volumeEntry('enforcement_opened', null, 'enforcement', e.id, keysAt(shanghaiDate(e.created_at))));
	if ((e.status === 'closed' || e.status === 'cancelled') && within(p, e.closed_at))
		out.push(volumeEntry('enforcement_closed', e.outcome, 'enforcement', e.id, keysAt(shanghaiDate(e.closed_at!))));
}

export function judgeAll(i: JudgeInput): Entry[] {
	const out: Entry[] = [];
	for (const r of i.grid) judgeGridCase(i, r, out);
	for (const r of i.gridEvents) countGridEvent(i, r, out);
	for (const o of i.orders) judgeOrder(i, o, out);
	for (const e of i.enforcement) countEnforcement(i, e, out);
	return out;
}
