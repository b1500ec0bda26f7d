import type { Generated } from 'kysely';
import type { EventLogColumns, PlaceColumns, SealedColumns } from './schema-common';

/** Row types of camera alerts and non-onsite enforcement (migrations/…-003-enforcement.ts). Money in 分. */
export interface CameraTable {
	id: string;
	name: string;
	lng: number;
	lat: number;
	area_id: number;
	community_id: number;
	active: Generated<number>;
	created_at: number;
	updated_at: number;
}
export interface ShopTable {
	id: Generated<number>;
	sign_name: string;
	credit_code: string | null;
	owner_name: string;
	phone: string;
	address: string;
	lng: number;
	lat: number;
	community_id: number;
	created_by: number;
	created_at: number;
	updated_at: number;
}
export interface EnforcementRuleTable {
	category_code: string;
	fine_min: number;
	fine_max: number;
	violated: string;
	penalty_basis: string;
}
export interface EnforcementCaseTable extends PlaceColumns {
	id: Generated<number>;
	code: string;
	status: string;
	outcome: string | null;
	category_code: string;
	camera_id: string | null;
	shop_id: number | null;
	created_by: number;
	created_at: number;
	notified_at: number | null;
	rectify_due_at: number | null;
	registered_at: number | null;
	decision_due_at: number | null;
	party_confirmed_at: number | null;
	notice_no: string | null;
	notice_at: number | null;
	proposed_fine: number | null;
	statement_due_at: number | null;
	statement_at: number | null;
	decision_no: string | null;
	decision_at: number | null;
	fine: number | null;
	payment_due_at: number | null;
	paid_on: string | null;
	paid_amount: number | null;
	closed_at: number | null;
	stage_started_at: number;
	stage_deadline_at: number | null;
	stage_warn_at: number | null;
	version: Generated<number>;
	updated_at: number;
}
export interface EnforcementEventTable extends EventLogColumns {
	enforcement_id: number;
	actor_id: number;
}
/** An issued 告知书 / 决定书 as served (migration 020): sealed like the event logs. */
export interface EnforcementDocumentTable extends SealedColumns {
	id: Generated<number>;
	enforcement_id: number;
	event_id: number | null;
	kind: 'notice' | 'decision';
	document_no: string;
	issued_at: number;
	issued_by: number;
	/** Canonical JSON of the composed document (enforcement-document-content.ts). */
	content: string;
	content_sha256: string;
	/** The document as one self-contained HTML file, and its SHA-256 (UTF-8). */
	html: string;
	sha256: string;
}
export interface AlertTable {
	id: Generated<number>;
	camera_id: string;
	captured_at: number;
	category_code: string;
	lng: number;
	lat: number;
	area_id: number;
	community_id: number;
	confidence: number;
	external_id: string | null;
	status: string;
	false_reason: string | null;
	review_note: string | null;
	case_id: number | null;
	enforcement_id: number | null;
	parent_alert_id: number | null;
	api_key_id: number | null;
	received_at: number;
	reviewed_by: number | null;
	reviewed_at: number | null;
	version: Generated<number>;
}
export interface EvidenceFileTable extends SealedColumns {
	id: string;
	alert_id: number | null;
	enforcement_id: number | null;
	event_id: number | null;
	kind: 'frame' | 'photo';
	seq: Generated<number>;
	path: string;
	thumb_path: string;
	mime: string;
	bytes: number;
	width: number;
	height: number;
	sha256: string;
	source: string;
	camera_id: string | null;
	captured_at: number | null;
	uploaded_by: number | null;
	created_at: number;
}
export interface SmsMessageTable {
	id: Generated<number>;
	enforcement_id: number;
	phone: string;
	body: string;
	provider: string;
	provider_ref: string | null;
	status: string;
	sent_by: number;
	sent_at: number;
}
