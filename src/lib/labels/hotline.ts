// 12345 hotline orders.
import { m } from '$lib/paraglide/messages';
import { label, type Msg } from './label';

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
	link_case: m.hl_action_link_case,
	set_community: m.hl_action_set_community
};

const hlImportStatusMessages: Record<string, Msg> = {
	analysing: m.hl_import_status_analysing,
	previewed: m.hl_import_status_previewed,
	committing: m.hl_import_status_committing,
	committed: m.hl_import_status_committed,
	failed: m.hl_import_status_failed,
	interrupted: m.hl_import_status_interrupted
};

const hlMethodMessages: Record<string, Msg> = {
	phone: m.hl_method_phone,
	sms: m.hl_method_sms,
	visit: m.hl_method_visit
};

const hlOutcomeMessages: Record<string, Msg> = {
	contacted: m.hl_outcome_contacted,
	declined: m.hl_outcome_declined,
	no_phone: m.hl_outcome_no_phone
};

const hlQueueMessages: Record<string, Msg> = {
	all: m.hl_queue_all,
	awaiting_contact: m.hl_queue_awaiting_contact,
	due_soon: m.hl_queue_due_soon,
	overdue: m.hl_queue_overdue,
	returned: m.hl_queue_returned,
	awaiting_approval: m.hl_queue_awaiting_approval
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
	excluded_returned: m.hl_reason_excluded_returned
};

const hlReturnMessages: Record<string, Msg> = {
	reason: m.hl_return_reason,
	not_in_jurisdiction: m.hl_return_not_in_jurisdiction,
	not_our_duty: m.hl_return_not_our_duty,
	duplicate: m.hl_return_duplicate,
	info_insufficient: m.hl_return_info_insufficient,
	other: m.hl_return_other
};

const hlSatMessages: Record<string, Msg> = {
	'\u6ee1\u610f': m.hl_sat_满意,
	'\u57fa\u672c\u6ee1\u610f': m.hl_sat_基本满意,
	'\u4e0d\u6ee1\u610f': m.hl_sat_不满意,
	unreachable: m.hl_sat_unreachable
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
	returned: m.hl_status_returned
};

/** Delivery of an update to the city platform: 待发送 / 重试中 / 已送达 / 被拒绝. */
const cityStatusMessages: Record<string, Msg> = {
	pending: m.hl_city_pending,
	retrying: m.hl_city_retrying,
	delivered: m.hl_city_delivered,
	refused: m.hl_city_refused
};

const hlVerdictMessages: Record<string, Msg> = {
	on_time: m.hl_verdict_on_time,
	late: m.hl_verdict_late,
	pending: m.hl_verdict_pending,
	excluded: m.hl_verdict_excluded
};

export const hotlineStatusLabel = (s: string) => label(hlStatusMessages, s);
export const hotlineActionLabel = (a: string) => label(hlActionMessages, a);
export const cityUpdateStatusLabel = (s: string) => label(cityStatusMessages, s);
export const hotlineQueueLabel = (q: string) => label(hlQueueMessages, q);
export const contactOutcomeLabel = (o: string) => label(hlOutcomeMessages, o);
export const contactMethodLabel = (o: string) => label(hlMethodMessages, o);
export const hotlineReturnReasonLabel = (r: string) => label(hlReturnMessages, r);
export const satisfactionLabel = (s: string) => label(hlSatMessages, s);
export const verdictLabel = (v: string) => label(hlVerdictMessages, v);
export const judgementReasonLabel = (r: string) => label(hlReasonMessages, r);
export const importStatusLabel = (s: string) => label(hlImportStatusMessages, s);

const hlTypeMessages: Record<string, Msg> = {
	consult: m.hl_type_consult,
	suggest: m.hl_type_suggest,
	help: m.hl_type_help,
	complaint: m.hl_type_complaint,
	'supervise-revisit': m.hl_type_supervise_revisit,
	complex: m.hl_type_complex
};
/** 诉求类型 by its code, in the reader's language. */
export const orderTypeName = (code: string) => label(hlTypeMessages, code);
