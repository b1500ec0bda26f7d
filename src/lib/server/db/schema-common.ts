// Columns the tables of more than one track share: the seal of the append-only tables, the event
// logs, and where a reported thing is.
import type { Generated } from 'kysely';

/** Place in its chain and chained SHA-256 (migration 016, records/chain-spec.ts). */
export interface SealedColumns {
	chain_seq: number;
	hash: string;
}

/** A record's event log (cases, 12345 orders, enforcement cases): what happened, when, from which status to which. */
export interface EventLogColumns extends SealedColumns {
	id: Generated<number>;
	at: number;
	action: string;
	from_status: string | null;
	to_status: string;
	note: string | null;
	payload: string | null;
}

/** Where a reported thing is, and what it is said to be: a grid case, an enforcement case. */
export interface PlaceColumns {
	description: string;
	address: string;
	lng: number;
	lat: number;
	area_id: number;
	community_id: number;
}
