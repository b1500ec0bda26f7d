// Camera alerts and non-onsite enforcement.
import { m } from '$lib/paraglide/messages';
import { label, type Msg } from './label';

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
	cancel: m.enf_action_cancel
};

const enfAlertStatusMessages: Record<string, Msg> = {
	pending: m.enf_alert_status_pending,
	false_alarm: m.enf_alert_status_false_alarm,
	case: m.enf_alert_status_case,
	enforcement: m.enf_alert_status_enforcement,
	attached: m.enf_alert_status_attached
};

const enfCheckMessages: Record<string, Msg> = {
	ok: m.enf_check_ok,
	mismatch: m.enf_check_mismatch,
	missing: m.enf_check_missing
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
	close: m.enf_clock_close
};

const enfFalseMessages: Record<string, Msg> = {
	no_violation: m.enf_false_no_violation,
	misdetected: m.enf_false_misdetected,
	already_gone: m.enf_false_already_gone,
	out_of_area: m.enf_false_out_of_area,
	other: m.enf_false_other
};

const enfMethodMessages: Record<string, Msg> = {
	onsite: m.enf_method_onsite,
	phone: m.enf_method_phone,
	visit: m.enf_method_visit
};

const enfOutcomeMessages: Record<string, Msg> = {
	corrected: m.enf_outcome_corrected,
	paid: m.enf_outcome_paid,
	cancelled: m.enf_outcome_cancelled
};

const enfRuleMessages: Record<string, Msg> = {
	notify: m.enf_rule_notify,
	register: m.enf_rule_register,
	confirm_party: m.enf_rule_confirm_party,
	issue_notice: m.enf_rule_issue_notice,
	statement: m.enf_rule_statement,
	decision: m.enf_rule_decision,
	payment: m.enf_rule_payment,
	close: m.enf_rule_close
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
	cancelled: m.enf_status_cancelled
};

export const enfStatusLabel = (s: string) => label(enfStatusMessages, s);
export const enfActionLabel = (a: string) => label(enfActionMessages, a);
export const enfClockLabel = (k: string) => label(enfClockMessages, k);
export const enfOutcomeLabel = (o: string) => label(enfOutcomeMessages, o);
export const enfMethodLabel = (o: string) => label(enfMethodMessages, o);
export const falseAlarmLabel = (r: string) => label(enfFalseMessages, r);
export const alertStatusLabel = (s: string) => label(enfAlertStatusMessages, s);
export const evidenceCheckLabel = (c: string) => label(enfCheckMessages, c);
/** The rule behind a legal clock, in words (shown beside every deadline). */
export const enfClockRule = (k: string, minutes: number) =>
	k === 'rectify' ? m.enf_rule_rectify({ minutes }) : label(enfRuleMessages, k);
