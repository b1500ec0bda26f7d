// The capability tables, one per track. Each row names a capability and, for every role that holds
// it, the scope it reaches. Deny by default: a role absent from a row may not do it, and a
// capability absent from every table does not exist (the type refuses it).
import type { CaseAction } from '../case-status';
import type { EnforcementAction } from '../enforcement-status';
import type { HotlineAction } from '../hotline-status';
import type { Role } from './roles';
import type { Scope } from './scopes';

export type Grants = Readonly<Partial<Record<Role, Scope>>>;

const DISPATCHER = { dispatcher: 'all' } as const;
const HANDLER_OWN = { handler: 'own_department' } as const;
const CHECKER = { grid_worker: 'own_community_unhandled' } as const;

/** 回退 and 延期 work alike on both assigned tracks: the assignee asks, the centre decides. */
const RETURN_AND_EXTENSION = {
	request_return: HANDLER_OWN,
	approve_return: DISPATCHER,
	reject_return: DISPATCHER,
	request_extension: HANDLER_OWN,
	approve_extension: DISPATCHER,
	reject_extension: DISPATCHER
} as const;

/** Grid cases (网格案件): reporting, the workflow verbs, and who sees which case. */
export const CASE_TABLE = {
	/** See a case: the 片区 for a 网格员, the department for a handler, all for the centre and above. */
	view: {
		grid_worker: 'own_area',
		handler: 'own_department_or_handled',
		dispatcher: 'all',
		leader: 'all',
		admin: 'all'
	},
	report: { grid_worker: 'all', dispatcher: 'all' },
	/** 自行处置: a 网格员 closes a small problem on the spot. */
	self_handle: { grid_worker: 'all' },
	/** Pick the source of a report (a 网格员's reports are always 巡查). */
	choose_source: DISPATCHER,
	view_personal_data: DISPATCHER,
	accept: DISPATCHER,
	void: DISPATCHER,
	register: DISPATCHER,
	dispatch: DISPATCHER,
	sign: HANDLER_OWN,
	feedback: HANDLER_OWN,
	...RETURN_AND_EXTENSION,
	park: DISPATCHER,
	unpark: DISPATCHER,
	check_pass: CHECKER,
	check_fail: CHECKER,
	close: DISPATCHER,
	supervise: { leader: 'all' }
} as const satisfies Record<
	CaseAction | 'view' | 'report' | 'self_handle' | 'choose_source' | 'view_personal_data',
	Grants
>;

/** 12345 hotline orders. link_case: open a grid case from an order or join it to one nearby. set_community: set an order's 居民区. */
export const HOTLINE_TABLE = {
	view: { dispatcher: 'all', handler: 'own_department', leader: 'all', admin: 'all' },
	import: DISPATCHER,
	create: DISPATCHER,
	export: { dispatcher: 'all', leader: 'all' },
	link_case: DISPATCHER,
	set_community: DISPATCHER,
	/** The caller's name and phone in full. */
	personal_data: { dispatcher: 'all', handler: 'own_department' },
	/** Find orders by the caller's full phone or name (a handler's list holds only their own orders). */
	search_personal_data: { dispatcher: 'all', handler: 'all' },
	assign: DISPATCHER,
	sign: HANDLER_OWN,
	first_contact: HANDLER_OWN,
	reply: HANDLER_OWN,
	...RETURN_AND_EXTENSION,
	supervise: { leader: 'all' },
	evaluate: DISPATCHER
} as const satisfies Record<
	| HotlineAction
	| 'view'
	| 'import'
	| 'create'
	| 'export'
	| 'link_case'
	| 'set_community'
	| 'personal_data'
	| 'search_personal_data',
	Grants
>;

/** Camera alerts: the centre reviews every alert, an officer only those of the enforcement track. */
export const ALERTS_TABLE = {
	review: { dispatcher: 'all', enforcer: 'enforcement_track' }
} as const satisfies Record<'review', Grants>;

const OFFICER = { enforcer: 'all' } as const;

/** Enforcement cases (执法案件) and the shop registry. personal_data: a party's or shop owner's name and phone in full. */
export const ENFORCEMENT_TABLE = {
	view: { enforcer: 'all', dispatcher: 'all', leader: 'all', admin: 'all' },
	/** Start an enforcement case from a reviewed alert or a grid case. */
	open: { enforcer: 'all', dispatcher: 'all' },
	personal_data: OFFICER,
	view_shops: { enforcer: 'all', dispatcher: 'all', leader: 'all' },
	manage_shops: OFFICER,
	link_shop: OFFICER,
	notify: OFFICER,
	recheck: OFFICER,
	register: OFFICER,
	confirm_party: OFFICER,
	issue_notice: OFFICER,
	record_statement: OFFICER,
	lapse_statement: OFFICER,
	decide: OFFICER,
	record_payment: OFFICER,
	close: OFFICER,
	cancel: OFFICER
} as const satisfies Record<
	EnforcementAction | 'view' | 'open' | 'personal_data' | 'view_shops' | 'manage_shops',
	Grants
>;

/** Statistics: rates and drill-down, the live board, exports (always masked). */
export const STATS_TABLE = {
	view: { leader: 'all', dispatcher: 'all', admin: 'all' },
	board: { leader: 'all', dispatcher: 'all' },
	export: { leader: 'all', dispatcher: 'all', admin: 'all' }
} as const satisfies Record<'view' | 'board' | 'export', Grants>;

/** Settings, reference data, accounts, cameras and the audit log: the admin's alone. */
export const ADMIN_TABLE = {
	manage: { admin: 'all' }
} as const satisfies Record<'manage', Grants>;

/** Every signed-in person: their own account, help, outbox and work list. */
export const ACCOUNT_TABLE = {
	use_app: { grid_worker: 'all', handler: 'all', dispatcher: 'all', enforcer: 'all', leader: 'all', admin: 'all' }
} as const satisfies Record<'use_app', Grants>;

export const TABLES = {
	case: CASE_TABLE,
	hotline: HOTLINE_TABLE,
	alerts: ALERTS_TABLE,
	enforcement: ENFORCEMENT_TABLE,
	stats: STATS_TABLE,
	admin: ADMIN_TABLE,
	account: ACCOUNT_TABLE
} as const;
