import type { Generated } from 'kysely';
import type { EventLogColumns, SealedColumns } from './schema-common';

/** Row types of the 12345 hotline tables (migrations/…-002-hotline.ts). Instants: integer ms UTC. */
export interface ApiKeyTable {
	id: Generated<number>;
	name: string;
	prefix: string;
	secret_hash: string;
	created_by: number;
	created_at: number;
	revoked_at: number | null;
	last_used_at: number | null;
	/** hotline | alerts | stats: which endpoint the key may use. */
	integration: Generated<string>;
}
export interface HotlineImportTable {
	id: Generated<number>;
	file_name: string;
	file_kind: string;
	file_sha256: string;
	status: string;
	mode: string | null;
	total_rows: Generated<number>;
	valid_rows: Generated<number>;
	error_rows: Generated<number>;
	new_rows: Generated<number>;
	same_rows: Generated<number>;
	changed_rows: Generated<number>;
	written_rows: Generated<number>;
	report: string | null;
	created_by: number;
	created_at: number;
	finished_at: number | null;
	/** A running job's progress, written now and then by the server running it (services/hotline/import-progress.ts). */
	progress_phase: string | null;
	progress_rows: Generated<number>;
	progress_total: number | null;
	progress_at: number | null;
}
export interface HotlineOrderTable {
	id: Generated<number>;
	order_no: string;
	channel: string;
	order_type: string;
	urgency: string;
	citizen_name: string | null;
	phone: string | null;
	has_phone: number;
	address: string;
	lng: number | null;
	lat: number | null;
	content: string;
	received_at: number;
	category_code: string | null;
	community_id: number | null;
	/** The 片区 the order was received in (migration 012); it keeps it when its 居民区 moves. */
	area_id: number | null;
	status: string;
	resume_status: string | null;
	limit_value: number;
	limit_unit: string;
	department_id: number | null;
	assigned_at: number | null;
	signed_at: number | null;
	first_contact_due_at: number | null;
	first_contact_at: number | null;
	contact_outcome: string | null;
	contact_method: string | null;
	deadline_at: number;
	due_at: number | null;
	warn_at: number | null;
	requested_deadline_at: number | null;
	first_reply_at: number | null;
	last_reply_at: number | null;
	reply_resolved: number | null;
	redo_deadline_at: number | null;
	redo_count: Generated<number>;
	return_approved_at: number | null;
	supervised_at: number | null;
	satisfaction: string | null;
	completed_at: number | null;
	fingerprint: string;
	origin: string;
	import_id: number | null;
	version: Generated<number>;
	created_at: number;
	updated_at: number;
}
export interface HotlineEventTable extends EventLogColumns {
	order_id: number;
	actor_id: number | null;
	api_key_id: number | null;
}
export interface HotlineAttachmentTable extends SealedColumns {
	id: string;
	order_id: number;
	event_id: number;
	path: string;
	thumb_path: string;
	sha256: string;
	original_name: string;
	uploaded_by: number;
	created_at: number;
}
/** An update for the city platform, written with its order event (migration 018). */
export interface CityOutboxTable {
	id: Generated<number>;
	order_id: number;
	event_id: number;
	action: string;
	idempotency_key: string;
	payload: string;
	/** pending | retrying | delivered | refused */
	status: string;
	attempts: Generated<number>;
	next_attempt_at: number;
	last_attempt_at: number | null;
	last_error: string | null;
	refused_reason: string | null;
	city_ref: string | null;
	delivered_at: number | null;
	created_at: number;
}
