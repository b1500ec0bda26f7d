// Row types of the grid-flow track (网格化流程): cases, their sealed event log and photos, and what
// joins them to phones and to 12345 orders. Instants: integer ms UTC.
import type { Generated } from 'kysely';
import type { EventLogColumns, PlaceColumns, SealedColumns } from './schema-common';

export interface CaseTable extends PlaceColumns {
	id: Generated<number>;
	code: string;
	track: string;
	source: string;
	status: string;
	resume_status: string | null;
	category_code: string;
	urgency: string;
	reporter_id: number;
	department_id: number | null;
	handler_id: number | null;
	self_handled: number;
	supervised: number;
	rework_count: number;
	reported_at: number;
	dispatched_at: number | null;
	deadline_at: number | null;
	/** 高效处置 deadline, set with deadline_at when the handling clock starts (migration 004). */
	efficient_deadline_at: number | null;
	/** The category's limits when the case took it (migration 009): a later change of the category never moves them. */
	handle_value: number | null;
	handle_unit: string | null;
	efficient_value: number | null;
	efficient_unit: string | null;
	stage_started_at: number;
	stage_deadline_at: number | null;
	stage_warn_at: number | null;
	parked_at: number | null;
	requested_deadline_at: number | null;
	feedback_at: number | null;
	closed_at: number | null;
	/** When the phone recorded it on patrol (migration 014); null when filed at a desk. */
	captured_at: Generated<number | null>;
	version: number;
	updated_at: number;
}
export interface CaseEventTable extends EventLogColumns {
	case_id: number;
	actor_id: number;
}
export interface AttachmentTable extends SealedColumns {
	id: string;
	case_id: number;
	event_id: number;
	kind: 'before' | 'after' | 'check';
	path: string;
	thumb_path: string;
	mime: string;
	width: number;
	height: number;
	bytes: number;
	sha256: string;
	original_name: string;
	captured_at: number | null;
	lng: number | null;
	lat: number | null;
	uploaded_by: number;
	created_at: number;
}

/** A 12345 order turned into, or joined to, a grid-flow case (migration 019); append-only. */
export interface OrderCaseLinkTable {
	id: Generated<number>;
	order_id: number;
	case_id: number;
	/** opened: the case was opened from the order; joined: the order joined a case already open. */
	kind: string;
	linked_by: number;
	linked_at: number;
}

/** What a phone sent with its own key (migration 014): a repeated send finds its key here and creates nothing. */
export interface FieldSubmissionTable {
	key: string;
	user_id: number;
	kind: string;
	case_id: number;
	event_id: number;
	captured_at: number;
	received_at: number;
}
