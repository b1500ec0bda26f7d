// Grid cases: statuses, actions, roles, sources, reasons, photo kinds, and the error codes every form shows.
import { m } from '$lib/paraglide/messages';
import { label, type Msg } from './label';

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
	link_order: m.action_link_order,
	fast_track: m.ft_title,
	relocate: m.action_relocate
};

const errMessages: Record<string, Msg> = {
	unknown: m.err_unknown,
	required: m.err_required,
	too_long: m.err_too_long,
	invalid: m.err_invalid,
	unknown_category: m.err_unknown_category,
	unknown_department: m.err_unknown_department,
	order_closed: m.err_order_closed,
	already_linked: m.err_already_linked,
	case_closed: m.err_case_closed,
	category_mismatch: m.err_category_mismatch,
	too_far: m.err_too_far,
	no_point: m.err_no_point,
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
	confirm_required: m.err_confirm_required,
	stale: m.err_stale,
	forbidden: m.err_forbidden,
	not_found: m.err_not_found,
	photo_not_found: m.err_photo_not_found,
	case_forbidden: m.err_case_forbidden,
	out_of_area: m.err_out_of_area,
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
	due_before_received: m.err_due_before_received,
	unchanged: m.err_unchanged,
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
	import_file_missing: m.err_import_file_missing,
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
	password_common: m.err_password_common,
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
	xyz_subdomains: m.err_xyz_subdomains
};

const photoKindMessages: Record<string, Msg> = {
	before: m.photo_kind_before,
	after: m.photo_kind_after,
	check: m.photo_kind_check
};

const returnReasonMessages: Record<string, Msg> = {
	not_our_duty: m.return_reason_not_our_duty,
	wrong_location: m.return_reason_wrong_location,
	duplicate: m.return_reason_duplicate,
	info_insufficient: m.return_reason_info_insufficient,
	other: m.return_reason_other
};

const roleMessages: Record<string, Msg> = {
	grid_worker: m.role_grid_worker,
	handler: m.role_handler,
	dispatcher: m.role_dispatcher,
	enforcer: m.role_enforcer,
	leader: m.role_leader,
	admin: m.role_admin
};

const sourceMessages: Record<string, Msg> = {
	patrol: m.source_patrol,
	resident: m.source_resident,
	video: m.source_video,
	leader: m.source_leader,
	hotline: m.source_hotline
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
	void: m.status_void
};

export const statusLabel = (s: string) => label(statusMessages, s);
export const actionLabel = (a: string) => label(actionMessages, a);
export const roleLabel = (r: string) => label(roleMessages, r);
export const sourceLabel = (s: string) => label(sourceMessages, s);
export const returnReasonLabel = (r: string) => label(returnReasonMessages, r);
export const photoKindLabel = (k: string) => label(photoKindMessages, k);
/** Field and rejection codes from services: 'required', 'outside_subdistrict', 'stale', … */
export const errorLabel = (code: string) => label(errMessages, code, m.err_unknown());

const urgencyMessages: Record<string, Msg> = { 一般: m.urgency_normal, 紧急: m.urgency_urgent };
/** Urgency is stored as the city's word (一般/紧急); shown in the reader's language. */
export const urgencyLabel = (u: string) => label(urgencyMessages, u);

const categoryTrackMessages: Record<string, Msg> = {
	grid: m.cat_track_grid,
	'enforcement-eligible': m.cat_track_enforcement_eligible
};
/** A category's track: grid only, or also the non-onsite enforcement track. */
export const categoryTrackLabel = (t: string) => label(categoryTrackMessages, t);

const limitMessages = {
	wd: [m.limit_wd, m.limit_wd_one],
	wh: [m.limit_wh, m.limit_wh_one],
	h24: [m.limit_h24, m.limit_h24_one]
} as const;
/** A limit as people read it: '2 工作时', '2 working hours'. */
export function limitLabel(limit: { value: number; unit: string }): string {
	const msgs = limitMessages[limit.unit as keyof typeof limitMessages];
	if (!msgs) return `${limit.value} ${limit.unit}`;
	return limit.value === 1 ? msgs[1]() : msgs[0]({ value: limit.value });
}

/** An amount in 元, already formatted (formatYuan). */
export const yuanLabel = (amount: string) => m.amount_yuan({ amount });
