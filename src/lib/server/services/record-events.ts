import type { RecordEvent } from './unit-of-work';

/** What a workflow decided happened, in the shape every workflow's event shares. */
type DecidedEvent = Omit<RecordEvent, 'at' | 'actorId'>;

/** A workflow's event as the unit of work appends it to the record's chain: who did it, and when. */
export const recordEvent = (e: DecidedEvent, actorId: number, at: number): RecordEvent => ({
	at,
	actorId,
	action: e.action,
	from: e.from,
	to: e.to,
	note: e.note,
	payload: e.payload
});
