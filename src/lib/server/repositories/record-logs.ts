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

/** Each kind's event log and the column naming its record there. */
const LOGS = {
	case: ['case_events', 'case_id'],
	order: ['hotline_events', 'order_id'],
	enforcement: ['enforcement_events', 'enforcement_id']
} as const satisfies Record<ReplayKind, readonly [string, string]>;

/** The events of the records with ids in [fromId, toId) of one kind, by record in the order written. */
async function eventsInIdRange(db: Db, kind: ReplayKind, fromId: number, toId: number) {
	const [table, recordId] = LOGS[kind];
	return grouped(
		await db
			.selectFrom(table)
			.select((eb) => [eb.ref(recordId).as('record_id'), ...eventColumns])
			.where(recordId, '>=', fromId)
			.where(recordId, '<', toId)
			.orderBy(recordId)
			.orderBy('id')
			.execute()
	);
}

/** Each kind's table, and the columns holding the facts its log determines, named as the replay names them. */
const FACTS = {
	case: {
		table: 'cases',
		columns: [
			'code',
			'status',
			'reported_at as openedAt',
			'closed_at as closedAt',
			'rework_count as reworkCount',
			'supervised'
		]
	},
	order: {
		table: 'hotline_orders',
		columns: [
			'order_no as code',
			'status',
			'created_at as openedAt',
			'completed_at as completedAt',
			'community_id as communityId'
		]
	},
	enforcement: {
		table: 'enforcement_cases',
		columns: [
			'code',
			'status',
			'created_at as openedAt',
			'closed_at as closedAt',
			'notice_at as noticeAt',
			'decision_at as decisionAt',
			'fine'
		]
	}
} as const satisfies Record<ReplayKind, { table: string; columns: readonly string[] }>;

/** The stored facts of the records with ids in [fromId, toId) of one kind. */
async function factsInIdRange(db: Db, kind: ReplayKind, fromId: number, toId: number) {
	const { table, columns } = FACTS[kind];
	const rows = await db
		.selectFrom(table)
		.select(['id', ...columns])
		.where('id', '>=', fromId)
		.where('id', '<', toId)
		.orderBy('id')
		.execute();
	// Kysely types a selection over a table chosen at run time as the union of all three; the spec above pairs each table with its own columns.
	return rows as unknown as ({ id: number; code: string } & StoredFacts)[];
}

/** The records with ids in [fromId, toId) of one kind, each with its events in the order written. */
export async function loggedRecordsInIdRange(
	db: Db,
	kind: ReplayKind,
	fromId: number,
	toId: number
): Promise<LoggedRecord[]> {
	const [rows, logs] = await Promise.all([
		factsInIdRange(db, kind, fromId, toId),
		eventsInIdRange(db, kind, fromId, toId)
	]);
	return rows.map(({ id, code, ...facts }) => ({ id, code, facts, events: logs.get(id) ?? [] }));
}
