// Display names for domain codes, in the reader's language (Paraglide messages).
// Each family is an explicit table of message functions, so a page's bundle holds the messages it
// can show, not every message of the app (a lookup by a built key would keep them all).
import { m } from '$lib/paraglide/messages';

type Msg = () => string;
const label = (table: Record<string, Msg>, code: string, fallback = code): string => (Object.hasOwn(table, code) ? table[code]() : fallback);

const actionMessages: Record<string, Msg> = {
	report: m.action_report,
	self_handle: m.action_self_handle,
	accept: m.action_accept,
	void: m.action_void,
	register: m.action_register,
	dispatch: m.action_dispatch,
	sign: m.action_sign,
	feedback: m.action_feedback,
	request_return: m.action_request_return,
	approve_return: m.action_approve_return,
	reject_return: m.action_reject_return,
	request_extension: m.action_request_extension,
	approve_extension: m.action_approve_extension,
	reject_extension: m.action_reject_extension,
	park: m.action_park,
	unpark: m.action_unpark,
	check_pass: m.action_check_pass,
	check_fail: m.action_check_fail,
	close: m.action_close,
	supervise: m.action_supervise,
	relocate: m.action_relocate,
};
const enfActionMessages: Record<string, Msg> = {
	open: m.enf_action_open,
	link_shop: m.enf_action_link_shop,
	notify: m.enf_action_notify,
	recheck: m.enf_action_recheck,
	register: m.enf_action_register,
	confirm_party: m.enf_action_confirm_party,
	issue_notice: m.enf_action_issue_notice,
	record_statement: m.enf_action_record_statement,
	lapse_statement: m.enf_action_lapse_statement,
	decide: m.enf_action_decide,
	record_payment: m.enf_action_record_payment,
	close: m.enf_action_close,
	cancel: m.enf_action_cancel,
};
const enfAlertStatusMessages: Record<string, Msg> = {
	pending: m.enf_alert_status_pending,
	false_alarm: m.enf_alert_status_false_alarm,
	case: m.enf_alert_status_case,
	enforcement: m.enf_alert_status_enforcement,
	attached: m.enf_alert_status_attached,
};
const enfCheckMessages: Record<string, Msg> = {
	ok: m.enf_check_ok,
	mismatch: m.enf_check_mismatch,
	missing: m.enf_check_missing,
};
const enfClockMessages: Record<string, Msg> = {
	notify: m.enf_clock_notify,
	rectify: m.enf_clock_rectify,
	register: m.enf_clock_register,
	confirm_party: m.enf_clock_confirm_party,
	issue_notice: m.enf_clock_issue_notice,
	statement: m.enf_clock_statement,
	decision: m.enf_clock_decision,
	payment: m.enf_clock_payment,
	close: m.enf_clock_close,
};
const enfFalseMessages: Record<string, Msg> = {
	no_violation: m.enf_false_no_violation,
	misdetected: m.enf_false_misdetected,
	already_gone: m.enf_false_already_gone,
	out_of_area: m.enf_false_out_of_area,
	other: m.enf_false_other,
};
const enfMethodMessages: Record<string, Msg> = {
	onsite: m.enf_method_onsite,
	phone: m.enf_method_phone,
	visit: m.enf_method_visit,
};
const enfOutcomeMessages: Record<string, Msg> = {
	corrected: m.enf_outcome_corrected,
	paid: m.enf_outcome_paid,
	cancelled: m.enf_outcome_cancelled,
};
const enfRuleMessages: Record<string, Msg> = {
	notify: m.enf_rule_notify,
	register: m.enf_rule_register,
	confirm_party: m.enf_rule_confirm_party,
	issue_notice: m.enf_rule_issue_notice,
	statement: m.enf_rule_statement,
	decision: m.enf_rule_decision,
	payment: m.enf_rule_payment,
	close: m.enf_rule_close,
};
const enfStatusMessages: Record<string, Msg> = {
	pending_notice: m.enf_status_pending_notice,
	rectifying: m.enf_status_rectifying,
	pending_register: m.enf_status_pending_register,
	registered: m.enf_status_registered,
	party_confirmed: m.enf_status_party_confirmed,
	statement: m.enf_status_statement,
	pending_decision: m.enf_status_pending_decision,
	awaiting_payment: m.enf_status_awaiting_payment,
	paid: m.enf_status_paid,
	closed: m.enf_status_closed,
	cancelled: m.enf_status_cancelled,
};
const errMessages: Record<string, Msg> = {
	unknown: m.err_unknown,
	required: m.err_required,
	too_long: m.err_too_long,
	invalid: m.err_invalid,
	unknown_category: m.err_unknown_category,
	unknown_department: m.err_unknown_department,
	outside_subdistrict: m.err_outside_subdistrict,
	no_area: m.err_no_area,
	no_community: m.err_no_community,
	empty: m.err_empty,
	too_many: m.err_too_many,
	too_large: m.err_too_large,
	not_image: m.err_not_image,
	unsupported_type: m.err_unsupported_type,
	photo_required: m.err_photo_required,
	photo_invalid: m.err_photo_invalid,
	not_allowed_in_state: m.err_not_allowed_in_state,
	reason_required: m.err_reason_required,
	deadline_not_later: m.err_deadline_not_later,
	deadline_in_past: m.err_deadline_in_past,
	stale: m.err_stale,
	forbidden: m.err_forbidden,
	not_found: m.err_not_found,
	photo_not_found: m.err_photo_not_found,
	case_forbidden: m.err_case_forbidden,
	key_taken: m.err_key_taken,
	captured_at_invalid: m.err_captured_at_invalid,
	captured_too_old: m.err_captured_too_old,
	storage_full: m.err_storage_full,
	signed_out: m.err_signed_out,
	network: m.err_network,
	server: m.err_server,
	http_403: m.err_http_403,
	http_413: m.err_http_413,
	malformed: m.err_malformed,
	invalid_key: m.err_invalid_key,
	invalid_kind: m.err_invalid_kind,
	unknown_order_type: m.err_unknown_order_type,
	invalid_phone: m.err_invalid_phone,
	invalid_date: m.err_invalid_date,
	in_future: m.err_in_future,
	invalid_point: m.err_invalid_point,
	unknown_community: m.err_unknown_community,
	mixed_encoding: m.err_mixed_encoding,
	malformed_csv: m.err_malformed_csv,
	not_xlsx: m.err_not_xlsx,
	not_csv_or_xlsx: m.err_not_csv_or_xlsx,
	no_header: m.err_no_header,
	first_contact_required: m.err_first_contact_required,
	already_contacted: m.err_already_contacted,
	contact_time_invalid: m.err_contact_time_invalid,
	evidence_required: m.err_evidence_required,
	extension_too_long: m.err_extension_too_long,
	invalid_input: m.err_invalid_input,
	import_has_errors: m.err_import_has_errors,
	file_too_large: m.err_file_too_large,
	file_empty: m.err_file_empty,
	notice_required: m.err_notice_required,
	shop_required: m.err_shop_required,
	phone_required: m.err_phone_required,
	rectify_period_running: m.err_rectify_period_running,
	statement_window_open: m.err_statement_window_open,
	statement_window_closed: m.err_statement_window_closed,
	fine_out_of_range: m.err_fine_out_of_range,
	paid_date_invalid: m.err_paid_date_invalid,
	amount_mismatch: m.err_amount_mismatch,
	unknown_shop: m.err_unknown_shop,
	no_rule: m.err_no_rule,
	sms_failed: m.err_sms_failed,
	invalid_amount: m.err_invalid_amount,
	not_enforcement_category: m.err_not_enforcement_category,
	note_required: m.err_note_required,
	description_required: m.err_description_required,
	case_invalid: m.err_case_invalid,
	not_pending: m.err_not_pending,
	frames_missing: m.err_frames_missing,
	username_format: m.err_username_format,
	username_taken: m.err_username_taken,
	scope_area_required: m.err_scope_area_required,
	scope_department_required: m.err_scope_department_required,
	community_outside_area: m.err_community_outside_area,
	last_admin: m.err_last_admin,
	self_disable: m.err_self_disable,
	wrong_password: m.err_wrong_password,
	password_too_short: m.err_password_too_short,
	password_is_username: m.err_password_is_username,
	password_mismatch: m.err_password_mismatch,
	password_unchanged: m.err_password_unchanged,
	name_taken: m.err_name_taken,
	limit_zero: m.err_limit_zero,
	limit_too_large: m.err_limit_too_large,
	limit_granularity: m.err_limit_granularity,
	invalid_number: m.err_invalid_number,
	efficient_over_handle: m.err_efficient_over_handle,
	effective_in_past: m.err_effective_in_past,
	version_exists: m.err_version_exists,
	limits_unchanged: m.err_limits_unchanged,
	version_in_force: m.err_version_in_force,
	category_code_format: m.err_category_code_format,
	category_code_taken: m.err_category_code_taken,
	tianditu_key_format: m.err_tianditu_key_format,
	xyz_template: m.err_xyz_template,
	xyz_subdomains: m.err_xyz_subdomains,
};
const hlActionMessages: Record<string, Msg> = {
	receive: m.hl_action_receive,
	assign: m.hl_action_assign,
	sign: m.hl_action_sign,
	first_contact: m.hl_action_first_contact,
	reply: m.hl_action_reply,
	request_return: m.hl_action_request_return,
	approve_return: m.hl_action_approve_return,
	reject_return: m.hl_action_reject_return,
	request_extension: m.hl_action_request_extension,
	approve_extension: m.hl_action_approve_extension,
	reject_extension: m.hl_action_reject_extension,
	supervise: m.hl_action_supervise,
	evaluate: m.hl_action_evaluate,
};
const hlImportStatusMessages: Record<string, Msg> = {
	analysing: m.hl_import_status_analysing,
	previewed: m.hl_import_status_previewed,
	committing: m.hl_import_status_committing,
	committed: m.hl_import_status_committed,
	failed: m.hl_import_status_failed,
	interrupted: m.hl_import_status_interrupted,
};
const hlMethodMessages: Record<string, Msg> = {
	phone: m.hl_method_phone,
	sms: m.hl_method_sms,
	visit: m.hl_method_visit,
};
const hlOutcomeMessages: Record<string, Msg> = {
	contacted: m.hl_outcome_contacted,
	declined: m.hl_outcome_declined,
	no_phone: m.hl_outcome_no_phone,
};
const hlQueueMessages: Record<string, Msg> = {
	all: m.hl_queue_all,
	awaiting_contact: m.hl_queue_awaiting_contact,
	due_soon: m.hl_queue_due_soon,
	overdue: m.hl_queue_overdue,
	returned: m.hl_queue_returned,
	awaiting_approval: m.hl_queue_awaiting_approval,
};
const hlReasonMessages: Record<string, Msg> = {
	contacted_before_due: m.hl_reason_contacted_before_due,
	contacted_after_due: m.hl_reason_contacted_after_due,
	no_contact_past_due: m.hl_reason_no_contact_past_due,
	not_signed: m.hl_reason_not_signed,
	awaiting_contact: m.hl_reason_awaiting_contact,
	excluded_no_phone: m.hl_reason_excluded_no_phone,
	excluded_declined: m.hl_reason_excluded_declined,
	excluded_returned_in_window: m.hl_reason_excluded_returned_in_window,
	replied_before_due: m.hl_reason_replied_before_due,
	replied_after_due: m.hl_reason_replied_after_due,
	no_reply_past_due: m.hl_reason_no_reply_past_due,
	awaiting_reply: m.hl_reason_awaiting_reply,
	excluded_returned: m.hl_reason_excluded_returned,
};
const hlReturnMessages: Record<string, Msg> = {
	reason: m.hl_return_reason,
	not_in_jurisdiction: m.hl_return_not_in_jurisdiction,
	not_our_duty: m.hl_return_not_our_duty,
	duplicate: m.hl_return_duplicate,
	info_insufficient: m.hl_return_info_insufficient,
	other: m.hl_return_other,
};
const hlSatMessages: Record<string, Msg> = {
	"\u6ee1\u610f": m.hl_sat_满意,
	"\u57fa\u672c\u6ee1\u610f": m.hl_sat_基本满意,
	"\u4e0d\u6ee1\u610f": m.hl_sat_不满意,
	unreachable: m.hl_sat_unreachable,
};
const hlStatusMessages: Record<string, Msg> = {
	received: m.hl_status_received,
	assigned: m.hl_status_assigned,
	handling: m.hl_status_handling,
	return_requested: m.hl_status_return_requested,
	extension_requested: m.hl_status_extension_requested,
	replied: m.hl_status_replied,
	redo: m.hl_status_redo,
	completed: m.hl_status_completed,
	returned: m.hl_status_returned,
};
const hlVerdictMessages: Record<string, Msg> = {
	on_time: m.hl_verdict_on_time,
	late: m.hl_verdict_late,
	pending: m.hl_verdict_pending,
	excluded: m.hl_verdict_excluded,
};
const photoKindMessages: Record<string, Msg> = {
	before: m.photo_kind_before,
	after: m.photo_kind_after,
	check: m.photo_kind_check,
};
const returnReasonMessages: Record<string, Msg> = {
	not_our_duty: m.return_reason_not_our_duty,
	wrong_location: m.return_reason_wrong_location,
	duplicate: m.return_reason_duplicate,
	info_insufficient: m.return_reason_info_insufficient,
	other: m.return_reason_other,
};
const roleMessages: Record<string, Msg> = {
	grid_worker: m.role_grid_worker,
	handler: m.role_handler,
	dispatcher: m.role_dispatcher,
	enforcer: m.role_enforcer,
	leader: m.role_leader,
	admin: m.role_admin,
};
const sourceMessages: Record<string, Msg> = {
	patrol: m.source_patrol,
	resident: m.source_resident,
	video: m.source_video,
	leader: m.source_leader,
};
const statusMessages: Record<string, Msg> = {
	reported: m.status_reported,
	accepted: m.status_accepted,
	registered: m.status_registered,
	dispatched: m.status_dispatched,
	handling: m.status_handling,
	return_requested: m.status_return_requested,
	extension_requested: m.status_extension_requested,
	parked: m.status_parked,
	feedback: m.status_feedback,
	checked: m.status_checked,
	closed: m.status_closed,
	void: m.status_void,
};

export const statusLabel = (s: string) => label(statusMessages, s);
export const actionLabel = (a: string) => label(actionMessages, a);
export const roleLabel = (r: string) => label(roleMessages, r);
export const sourceLabel = (s: string) => label(sourceMessages, s);
export const returnReasonLabel = (r: string) => label(returnReasonMessages, r);
export const photoKindLabel = (k: string) => label(photoKindMessages, k);
/** Field and rejection codes from services: 'required', 'outside_subdistrict', 'stale', … */
export const errorLabel = (code: string) => label(errMessages, code, m.err_unknown());

// 12345 hotline orders
export const hotlineStatusLabel = (s: string) => label(hlStatusMessages, s);
export const hotlineActionLabel = (a: string) => label(hlActionMessages, a);
export const hotlineQueueLabel = (q: string) => label(hlQueueMessages, q);
export const contactOutcomeLabel = (o: string) => label(hlOutcomeMessages, o);
export const contactMethodLabel = (o: string) => label(hlMethodMessages, o);
export const hotlineReturnReasonLabel = (r: string) => label(hlReturnMessages, r);
export const satisfactionLabel = (s: string) => label(hlSatMessages, s);
export const verdictLabel = (v: string) => label(hlVerdictMessages, v);
export const judgementReasonLabel = (r: string) => label(hlReasonMessages, r);
export const importStatusLabel = (s: string) => label(hlImportStatusMessages, s);

// Camera alerts and non-onsite enforcement
export const enfStatusLabel = (s: string) => label(enfStatusMessages, s);
export const enfActionLabel = (a: string) => label(enfActionMessages, a);
export const enfClockLabel = (k: string) => label(enfClockMessages, k);
export const enfOutcomeLabel = (o: string) => label(enfOutcomeMessages, o);
export const enfMethodLabel = (o: string) => label(enfMethodMessages, o);
export const falseAlarmLabel = (r: string) => label(enfFalseMessages, r);
export const alertStatusLabel = (s: string) => label(enfAlertStatusMessages, s);
export const evidenceCheckLabel = (c: string) => label(enfCheckMessages, c);
/** The rule behind a legal clock, in words (shown beside every deadline). */
export const enfClockRule = (k: string, minutes: number) => (k === 'rectify' ? m.enf_rule_rectify({ minutes }) : label(enfRuleMessages, k));
