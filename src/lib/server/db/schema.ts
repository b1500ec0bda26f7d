import type { Generated, Insertable, Selectable, Updateable } from 'kysely';
import type {
	AlertTable,
	CameraTable,
	EnforcementCaseTable,
	EnforcementDocumentTable,
	EnforcementEventTable,
	EnforcementRuleTable,
	EvidenceFileTable,
	ShopTable,
	SmsMessageTable
} from './schema-enforcement';
import type {
	ApiKeyTable,
	CityOutboxTable,
	HotlineAttachmentTable,
	HotlineEventTable,
	HotlineImportTable,
	HotlineOrderTable
} from './schema-hotline';

/** Row types of the SQLite schema (migrations/). Instants: integer ms UTC. */
export interface DepartmentTable {
	id: Generated<number>;
	name: string;
	kind: string;
	active: Generated<number>;
}
/** A 片区 (or the subdistrict): its identity; its outlines are versioned in area_shapes (migration 010). */
export interface AreaTable {
	id: Generated<number>;
	name: string;
	kind: 'subdistrict' | 'area';
}
export interface BoundaryVersionTable {
	id: Generated<number>;
	/** YYYY-MM-DD (Asia/Shanghai): in force from this day until the next version's. */
	effective_from: string;
	note: string;
	created_at: number;
	created_by: number | null;
}
export interface CommunityShapeTable {
	version_id: number;
	community_id: number;
	geometry: string;
}
export interface AreaShapeTable {
	version_id: number;
	area_id: number;
	geometry: string;
}
export interface CommunityTable {
	id: Generated<number>;
	name: string;
	area_id: number;
	cluster: string | null;
	lng: number;
	lat: number;
}
/** A road or 小区 name and the 居民区 it lies in (migration 017): finds the 居民区 an address names. */
export interface PlaceNameTable {
	id: Generated<number>;
	name: string;
	kind: string;
	community_id: number;
	created_by: number | null;
	created_at: number;
}
export interface CategoryTable {
	code: string;
	kind: string;
	major: string;
	minor: string;
	variant: string | null;
	aliases: string;
	urgency: string;
	close_condition: string | null;
	track: string;
	department_id: number | null;
	active: Generated<number>;
}
/** A version of a category's limits, in force from `effective_from` (ms; 0 = from the beginning) until the next one. */
export interface CategoryLimitTable {
	id: Generated<number>;
	category_code: string;
	effective_from: number;
	handle_value: number | null;
	handle_unit: string | null;
	efficient_value: number | null;
	efficient_unit: string | null;
	created_at: number;
	created_by: number | null;
}
export interface UserTable {
	id: Generated<number>;
	username: string;
	display_name: string;
	role: string;
	department_id: number | null;
	area_id: number | null;
	community_id: number | null;
	password_hash: string;
	active: Generated<number>;
	created_at: number;
	must_change_password: Generated<number>;
}
export interface SessionTable {
	id: string;
	secret_hash: string;
	user_id: number;
	created_at: number;
	expires_at: number;
}
export interface LoginThrottleTable {
	key: string;
	failures: number;
	first_failure_at: number;
	locked_until: number | null;
}
export interface CalendarYearTable {
	year: number;
	title: string;
	source: string;
}
export interface CalendarDayTable {
	date: string;
	year: number;
	kind: 'off' | 'makeup';
}
export interface SettingTable {
	key: string;
	value: string;
}
export interface CaseTable {
	id: Generated<number>;
	code: string;
	track: string;
	source: string;
	status: string;
	resume_status: string | null;
	category_code: string;
	urgency: string;
	description: string;
	address: string;
	lng: number;
	lat: number;
	area_id: number;
	community_id: number;
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
export interface CaseEventTable {
	id: Generated<number>;
	case_id: number;
	at: number;
	actor_id: number;
	action: string;
	from_status: string | null;
	to_status: string;
	note: string | null;
	payload: string | null;
	/** Place in its chain and chained SHA-256 (migration 016, records/chain-spec.ts). */
	chain_seq: number;
	hash: string;
}
export interface AttachmentTable {
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
	/** Place in its chain and chained SHA-256 (migration 016, records/chain-spec.ts). */
	chain_seq: number;
	hash: string;
}

export interface DB {
	departments: DepartmentTable;
	areas: AreaTable;
	boundary_versions: BoundaryVersionTable;
	area_shapes: AreaShapeTable;
	community_shapes: CommunityShapeTable;
	communities: CommunityTable;
	place_names: PlaceNameTable;
	categories: CategoryTable;
	category_limits: CategoryLimitTable;
	users: UserTable;
	sessions: SessionTable;
	login_throttle: LoginThrottleTable;
	calendar_years: CalendarYearTable;
	calendar_days: CalendarDayTable;
	settings: SettingTable;
	cases: CaseTable;
	case_events: CaseEventTable;
	attachments: AttachmentTable;
	api_keys: ApiKeyTable;
	hotline_imports: HotlineImportTable;
	hotline_orders: HotlineOrderTable;
	hotline_events: HotlineEventTable;
	hotline_attachments: HotlineAttachmentTable;
	city_outbox: CityOutboxTable;
	cameras: CameraTable;
	shops: ShopTable;
	enforcement_rules: EnforcementRuleTable;
	enforcement_cases: EnforcementCaseTable;
	enforcement_events: EnforcementEventTable;
	enforcement_documents: EnforcementDocumentTable;
	alerts: AlertTable;
	evidence_files: EvidenceFileTable;
	sms_messages: SmsMessageTable;
	stat_counts: StatCountTable;
	stat_counts_area: Omit<StatCountTable, 'community' | 'department'>;
	audit_log: AuditLogTable;
	field_submissions: FieldSubmissionTable;
	order_case_links: OrderCaseLinkTable;
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

/** Append-only record of admin changes (migration 007). */
export interface AuditLogTable {
	id: Generated<number>;
	at: number;
	actor_id: number | null;
	action: string;
	target: string;
	detail: string;
	/** Place in its chain and chained SHA-256 (migration 016, records/chain-spec.ts). */
	chain_seq: number;
	hash: string;
}

/** Settled statistics counts (migration 006); maintained with each case write, rebuildable from the records. */
export interface StatCountTable {
	month: string;
	area: string;
	community: string;
	category: string;
	department: string;
	item: string;
	detail: string;
	verdict: string;
	n: number;
}

export type CaseRow = Selectable<CaseTable>;
export type NewCase = Insertable<CaseTable>;
export type CaseUpdate = Updateable<CaseTable>;
export type UserRow = Selectable<UserTable>;
export type CaseEventRow = Selectable<CaseEventTable>;
export type AttachmentRow = Selectable<AttachmentTable>;
export type CategoryRow = Selectable<CategoryTable>;

export type { HotlineOrderRow } from './schema-hotline';
