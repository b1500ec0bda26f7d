import type { Generated, Insertable, Selectable, Updateable } from 'kysely';
import type {
	AttachmentTable,
	CaseEventTable,
	CaseTable,
	FieldSubmissionTable,
	OrderCaseLinkTable
} from './schema-cases';
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
import type { SealedColumns } from './schema-common';

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
/** Where an account has signed in from: sha256 of 'address:…' or 'device:…' (auth/known-clients.ts). */
export interface SignInKnownTable {
	user_id: number;
	marker: string;
	last_at: number;
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
/** PostgreSQL only (SQLite keeps it empty): bumped by a trigger in every write transaction; see memo.ts. */
export interface WriteVersionTable {
	slot: number;
	version: number;
}
/** The last number given in a numbered series (migration 021). */
export interface NumberSeriesTable {
	series: string;
	last: number;
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
	sign_in_known: SignInKnownTable;
	calendar_years: CalendarYearTable;
	calendar_days: CalendarDayTable;
	settings: SettingTable;
	number_series: NumberSeriesTable;
	write_version: WriteVersionTable;
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

/** Append-only record of admin changes (migration 007). */
export interface AuditLogTable extends SealedColumns {
	id: Generated<number>;
	at: number;
	actor_id: number | null;
	action: string;
	target: string;
	detail: string;
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

/** The stored rows the code names, of every track. */
export type UserRow = Selectable<UserTable>;
export type CategoryRow = Selectable<CategoryTable>;
export type CaseRow = Selectable<CaseTable>;
export type NewCase = Insertable<CaseTable>;
export type CaseUpdate = Updateable<CaseTable>;
export type HotlineOrderRow = Selectable<HotlineOrderTable>;
export type CameraRow = Selectable<CameraTable>;
export type ShopRow = Selectable<ShopTable>;
export type EnforcementCaseRow = Selectable<EnforcementCaseTable>;
