// The event logs of cases, 12345 orders and enforcement cases share one shape: who did what, when,
// from which status to which. Each log adds only the column naming its record.

/** One event of a record's log: what happened, who did it, from which status to which. */
export interface RecordEvent {
	at: number;
	actorId: number;
	action: string;
	from: string | null;
	to: string;
	note: string | null;
	payload: Record<string, unknown>;
}

/** The stored columns of an event, the same in every log. */
export function eventColumns(e: RecordEvent) {
	return {
		at: e.at,
		actor_id: e.actorId,
		action: e.action,
		from_status: e.from,
		to_status: e.to,
		note: e.note,
		payload: JSON.stringify(e.payload)
	};
}
