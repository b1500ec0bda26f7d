// Display names for domain codes, in the reader's language (Paraglide messages).
import { m } from '$lib/paraglide/messages';

type Msg = () => string;
const lookup = (prefix: string, code: string, fallback = code): string => {
	const fn = (m as unknown as Record<string, Msg | undefined>)[`${prefix}_${code}`];
	return fn ? fn() : fallback;
};

export const statusLabel = (s: string) => lookup('status', s);
export const actionLabel = (a: string) => lookup('action', a);
export const roleLabel = (r: string) => lookup('role', r);
export const sourceLabel = (s: string) => lookup('source', s);
export const returnReasonLabel = (r: string) => lookup('return_reason', r);
export const photoKindLabel = (k: string) => lookup('photo_kind', k);
/** Field and rejection codes from services: 'required', 'outside_subdistrict', 'stale', … */
export const errorLabel = (code: string) => lookup('err', code, m.err_unknown());

// 12345 hotline orders
export const hotlineStatusLabel = (s: string) => lookup('hl_status', s);
export const hotlineActionLabel = (a: string) => lookup('hl_action', a);
export const hotlineQueueLabel = (q: string) => lookup('hl_queue', q);
export const contactOutcomeLabel = (o: string) => lookup('hl_outcome', o);
export const contactMethodLabel = (o: string) => lookup('hl_method', o);
export const hotlineReturnReasonLabel = (r: string) => lookup('hl_return', r);
export const satisfactionLabel = (s: string) => lookup('hl_sat', s);
export const verdictLabel = (v: string) => lookup('hl_verdict', v);
export const judgementReasonLabel = (r: string) => lookup('hl_reason', r);
export const importStatusLabel = (s: string) => lookup('hl_import_status', s);

// Camera alerts and non-onsite enforcement
export const enfStatusLabel = (s: string) => lookup('enf_status', s);
export const enfActionLabel = (a: string) => lookup('enf_action', a);
export const enfClockLabel = (k: string) => lookup('enf_clock', k);
export const enfOutcomeLabel = (o: string) => lookup('enf_outcome', o);
export const enfMethodLabel = (o: string) => lookup('enf_method', o);
export const falseAlarmLabel = (r: string) => lookup('enf_false', r);
export const alertStatusLabel = (s: string) => lookup('enf_alert_status', s);
export const evidenceCheckLabel = (c: string) => lookup('enf_check', c);
/** The rule behind a legal clock, in words (shown beside every deadline). */
export const enfClockRule = (k: string, minutes: number) => (k === 'rectify' ? m.enf_rule_rectify({ minutes }) : lookup('enf_rule', k));
