// How an audit entry reads on a page: the action in the reader's language, the detail as "key: value".
import { m } from '$lib/paraglide/messages';

type Msg = () => string;

/** audit_action_<action with dots as underscores>, e.g. user.reset_password → audit_action_user_reset_password. */
export const auditActionLabel = (a: string) => (m as unknown as Record<string, Msg | undefined>)[`audit_action_${a.replace(/\./g, '_')}`]?.() ?? a;

const valueText = (v: unknown): string => {
	if (v === null || v === undefined) return '—';
	if (Array.isArray(v)) return v.map(valueText).join(', ');
	if (typeof v === 'object') {
		const o = v as Record<string, unknown>;
		if ('from' in o && 'to' in o) return `${valueText(o.from)} → ${valueText(o.to)}`;
		return JSON.stringify(o);
	}
	return String(v);
};

export const auditDetailText = (d: Record<string, unknown>) =>
	Object.entries(d)
		.map(([k, v]) => `${k}: ${valueText(v)}`)
		.join(' · ');
