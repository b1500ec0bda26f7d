// Replaying a record's event log: what the events say its row must hold now. Each write appends its
// event in the unit of work that writes the row, so a row that disagrees with its own log was
// written some other way (or edited by hand). Only what the events determine is compared: the
// status and the chain of statuses, and the moments and facts an event itself records.

/** One event of a log, in the order written. */
export interface LoggedEvent {
	at: number;
	action: string;
	from: string | null;
	to: string;
	payload: Record<string, unknown>;
}

export type ReplayKind = 'case' | 'order' | 'enforcement';

/** The stored columns the events determine (absent ones are not compared). */
export interface StoredFacts {
	status: string;
	/** cases.reported_at, hotline_orders.created_at, enforcement_cases.created_at. */
	openedAt: number;
	closedAt?: number | null;
	completedAt?: number | null;
	reworkCount?: number;
	supervised?: number;
	communityId?: number | null;
	noticeAt?: number | null;
	decisionAt?: number | null;
	fine?: number | null;
}

export interface ReplayMismatch {
	field: string;
	stored: unknown;
	replayed: unknown;
}

const TERMINAL: Record<ReplayKind, readonly string[]> = {
	case: ['closed', 'void'],
	order: ['completed'],
	enforcement: ['closed', 'cancelled']
};

/** The first disagreement between a row and its log, or null when they agree. */
export function replayRecord(
	kind: ReplayKind,
	row: StoredFacts,
	events: readonly LoggedEvent[]
): ReplayMismatch | null {
	if (!events.length) return { field: 'events', stored: row.status, replayed: 'no events' };
	if (events[0].from !== null) return { field: 'first event', stored: null, replayed: events[0].from };
	for (let i = 1; i < events.length; i++) {
		if (events[i].from !== events[i - 1].to)
			return { field: `event ${i + 1} (${events[i].action}) from`, stored: events[i].from, replayed: events[i - 1].to };
	}
	const last = events[events.length - 1];
	const checks: [string, unknown, unknown][] = [
		['status', row.status, last.to],
		['opened at', row.openedAt, events[0].at]
	];
	// The moment the record entered its final status (the last move into it; staying put does not count).
	const entered = [...events].reverse().find((e) => e.to === row.status && e.from !== e.to)?.at ?? null;
	const terminal = TERMINAL[kind].includes(row.status);
	if (row.closedAt !== undefined) checks.push(['closed at', row.closedAt, terminal ? entered : null]);
	if (row.completedAt !== undefined && terminal) checks.push(['completed at', row.completedAt, entered]);
	const count = (action: string) => events.filter((e) => e.action === action).length;
	const lastOf = (action: string) => [...events].reverse().find((e) => e.action === action);
	if (row.reworkCount !== undefined) checks.push(['rework count', row.reworkCount, count('check_fail')]);
	if (row.supervised !== undefined) checks.push(['supervised', row.supervised, count('supervise') ? 1 : 0]);
	const moved = lastOf('set_community');
	if (row.communityId !== undefined && moved) checks.push(['community', row.communityId, moved.payload.to]);
	if (row.noticeAt !== undefined) checks.push(['notice at', row.noticeAt, lastOf('issue_notice')?.at ?? null]);
	if (row.decisionAt !== undefined) checks.push(['decision at', row.decisionAt, lastOf('decide')?.at ?? null]);
	const decided = lastOf('decide');
	if (row.fine !== undefined && decided) checks.push(['fine', row.fine, decided.payload.fine]);
	const wrong = checks.find(([, stored, replayed]) => stored !== replayed);
	return wrong ? { field: wrong[0], stored: wrong[1], replayed: wrong[2] } : null;
}
