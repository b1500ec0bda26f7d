// Cases, 12345 orders and enforcement cases with their event logs, a slice of ids at a time: what
// `stats:rebuild --verify` replays to check each row against its log (domain/record-replay.ts).
import type { LoggedEvent, ReplayKind, StoredFacts } from '$lib/domain/record-replay';
import type { Db } from '../db/create-database';

export interface LoggedRecord {
	id: number;
	code: string;
	facts: StoredFacts;
	events: LoggedEvent[];
}

type EventRow = {
	record_id: number;
	at: number;
	action: string;
	from_status: string | null;
	to_status: string;
	payload: string | null;
};

const toEvent = (e: EventRow): LoggedEvent => ({
	at: e.at,
	action: e.action,
	from: e.from_status,
	to: e.to_status,
	payload: e.payload ? (JSON.parse(e.payload) as Record<string, unknown>) : {}
});

function grouped(events: EventRow[]): Map<number, LoggedEvent[]> {
	const out = new Map<number, LoggedEvent[]>();
	for (const e of events) {
		const list = out.get(e.record_id);
		if (list) list.push(toEvent(e));
		else out.set(e.record_id, [toEvent(e)]);
	}
	return out;
}

const eventColumns = ['at', 'action', 'from_status', 'to_status', 'payload'] as const;

/** The records with ids in [fromId, toId) of one kind, each with its events in the order written. */
export async function loggedRecordsInIdRange(
	db: Db,
	kind: ReplayKind,
	fromId: number,
	toId: number
): Promise<LoggedRecord[]> {
	if (kind === 'case') {
		const [rows, events] = await Promise.all([
			db
				.selectFrom('cases')
				.select(['id', 'code', 'status', 'reported_at', 'closed_at', 'rework_count', 'supervised'])
				.where('id', '>=', fromId)
				.where('id', '<', toId)
				.orderBy('id')
				.execute(),
			db
				.selectFrom('case_events')
				.select(['case_id as record_id', ...eventColumns])
				.where('case_id', '>=', fromId)
				.where('case_id', '<', toId)
				.orderBy('case_id')
				.orderBy('id')
				.execute()
		]);
		const logs = grouped(events);
		return rows.map((r) => ({
			id: r.id,
			code: r.code,
			facts: {
				status: r.status,
				openedAt: r.reported_at,
				closedAt: r.closed_at,
				reworkCount: r.rework_count,
				supervised: r.supervised
			},
			events: logs.get(r.id) ?? []
		}));
	}
	if (kind === 'order') {
		const [rows, events] = await Promise.all([
			db
				.selectFrom('hotline_orders')
				.select(['id', 'order_no', 'status', 'created_at', 'completed_at', 'community_id'])
				.where('id', '>=', fromId)
				.where('id', '<', toId)
				.orderBy('id')
				.execute(),
			db
				.selectFrom('hotline_events')
				.select(['order_id as record_id', ...eventColumns])
				.where('order_id', '>=', fromId)
				.where('order_id', '<', toId)
				.orderBy('order_id')
				.orderBy('id')
				.execute()
		]);
		const logs = grouped(events);
		return rows.map((r) => ({
			id: r.id,
			code: r.order_no,
			facts: { status: r.status, openedAt: r.created_at, completedAt: r.completed_at, communityId: r.community_id },
			events: logs.get(r.id) ?? []
		}));
	}
	const [rows, events] = await Promise.all([
		db
			.selectFrom('enforcement_cases')
			.select(['id', 'code', 'status', 'created_at', 'closed_at', 'notice_at', 'decision_at', 'fine'])
			.where('id', '>=', fromId)
			.where('id', '<', toId)
			.orderBy('id')
			.execute(),
		db
			.selectFrom('enforcement_events')
			.select(['enforcement_id as record_id', ...eventColumns])
			.where('enforcement_id', '>=', fromId)
			.where('enforcement_id', '<', toId)
			.orderBy('enforcement_id')
			.orderBy('id')
			.execute()
	]);
	const logs = grouped(events);
	return rows.map((r) => ({
		id: r.id,
		code: r.code,
		facts: {
			status: r.status,
			openedAt: r.created_at,
			closedAt: r.closed_at,
			noticeAt: r.notice_at,
			decisionAt: r.decision_at,
			fine: r.fine
		},
		events: logs.get(r.id) ?? []
	}));
}
