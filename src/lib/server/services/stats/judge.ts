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

export function judgeAll(i: JudgeInput): Entry[] {
	const out: Entry[] = [];
	const within = (ms: number | null) => ms !== null && inRange(shanghaiDate(ms), i.from, i.to);
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

	// On-time rates count in the period of the deadline; without one, of the report.
	for (const r of i.grid) {
		const facts = gridRateFacts(r);
		const date = r.deadline_at !== null ? dueDate(r.deadline_at) : shanghaiDate(r.reported_at);
		if (!inRange(date, i.from, i.to)) continue;
		const keys = caseKeys(r, date);
		out.push({
			type: 'rate',
			rate: 'grid_on_time',
			verdict: judgeGridOnTime(facts, i.now).verdict,
			kind: 'case',
			id: r.id,
			keys
		});
		out.push({
			type: 'rate',
			rate: 'grid_efficient',
			verdict: judgeGridEfficient(facts, i.now).verdict,
			kind: 'case',
			id: r.id,
			keys
		});
	}

	// Volumes and shares count on the date of the event itself.
	for (const r of i.gridEvents) {
		if (within(r.reported_at)) {
			const keys = caseKeys(r, shanghaiDate(r.reported_at));
			out.push({ type: 'volume', volume: 'reported', detail: r.source, kind: 'case', id: r.id, keys });
			if (r.supervised) out.push({ type: 'volume', volume: 'supervised', detail: null, kind: 'case', id: r.id, keys });
		}
		if (r.status === 'closed' && within(r.closed_at)) {
			const keys = caseKeys(r, shanghaiDate(r.closed_at!));
			out.push({ type: 'volume', volume: 'closed', detail: r.source, kind: 'case', id: r.id, keys });
			if (r.category_code === STOCK_STRUCTURE_CATEGORY)
				out.push({ type: 'volume', volume: 'stock_structures_closed', detail: null, kind: 'case', id: r.id, keys });
			out.push({
				type: 'rate',
				rate: 'rework',
				verdict: r.rework_count > 0 ? 'on_time' : 'late',
				kind: 'case',
				id: r.id,
				keys
			});
		}
		if (within(r.dispatched_at)) {
			out.push({
				type: 'rate',
				rate: 'extension',
				verdict: r.extended ? 'on_time' : 'late',
				kind: 'case',
				id: r.id,
				keys: caseKeys(r, shanghaiDate(r.dispatched_at!))
			});
		}
	}

	for (const o of i.orders) {
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
		const fc = judgeFirstContact(state, i.now);
		// Not signed yet: no window; it waits in the period it was received in.
		const fcDate = fc.dueAt !== null ? dueDate(fc.dueAt) : shanghaiDate(o.received_at);
		if (inRange(fcDate, i.from, i.to))
			out.push({
				type: 'rate',
				rate: 'first_contact',
				verdict: fc.verdict,
				kind: 'order',
				id: o.id,
				keys: keysAt(fcDate)
			});
		const done = judgeCompletion(state, i.now);
		const doneDate = dueDate(o.deadline_at);
		if (inRange(doneDate, i.from, i.to))
			out.push({
				type: 'rate',
				rate: 'hotline_on_time',
				verdict: done.verdict,
				kind: 'order',
				id: o.id,
				keys: keysAt(doneDate)
			});
		if (within(o.received_at)) {
			const keys = keysAt(shanghaiDate(o.received_at));
			out.push({ type: 'volume', volume: 'orders_received', detail: null, kind: 'order', id: o.id, keys });
			out.push({
				type: 'rate',
				rate: 'return',
				verdict: o.return_approved_at !== null ? 'on_time' : 'late',
				kind: 'order',
				id: o.id,
				keys
			});
		}
		if (within(o.completed_at)) {
			const keys = keysAt(shanghaiDate(o.completed_at!));
			out.push({ type: 'volume', volume: 'orders_completed', detail: null, kind: 'order', id: o.id, keys });
			const valid = o.satisfaction !== null && o.satisfaction !== 'unreachable';
			const satisfied = o.satisfaction === '满意' || o.satisfaction === '基本满意';
			out.push({
				type: 'rate',
				rate: 'satisfaction',
				verdict: valid ? (satisfied ? 'on_time' : 'late') : 'excluded',
				kind: 'order',
				id: o.id,
				keys
			});
		}
	}

	for (const e of i.enforcement) {
		const keysAt = (date: string): GroupKeys => ({
			month: month(date),
			area: key(e.area_id),
			community: key(e.community_id),
			category: e.category_code,
			department: '',
			worker: ''
		});
		if (within(e.created_at))
			out.push({
				type: 'volume',
				volume: 'enforcement_opened',
				detail: null,
				kind: 'enforcement',
				id: e.id,
				keys: keysAt(shanghaiDate(e.created_at))
			});
		if ((e.status === 'closed' || e.status === 'cancelled') && within(e.closed_at)) {
			out.push({
				type: 'volume',
				volume: 'enforcement_closed',
				detail: e.outcome,
				kind: 'enforcement',
				id: e.id,
				keys: keysAt(shanghaiDate(e.closed_at!))
			});
		}
	}
	return out;
}
