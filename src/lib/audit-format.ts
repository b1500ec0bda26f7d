// How an audit entry reads on a page: the action in the reader's language, the detail as "key: value"
// with the names the service resolved for the ids and codes it recorded.
import { m } from '$lib/paraglide/messages';
import { roleLabel } from '$lib/labels';

type Msg = () => string;
/** 'area:4' → '古美一片区', as the audit service resolved them. */
export type AuditNames = Record<string, string>;

/** audit_action_<action with dots as underscores>, e.g. user.reset_password → audit_action_user_reset_password. */
export const auditActionLabel = (a: string) => (m as unknown as Record<string, Msg | undefined>)[`audit_action_${a.replace(/\./g, '_')}`]?.() ?? a;

/** Detail keys with a name for people, and what kind of thing their value refers to (if any). */
const KEYS: Record<string, { label: Msg; ref?: string; value?: (v: string) => string }> = {
	areaId: { label: m.audit_key_area, ref: 'area' },
	communityId: { label: m.audit_key_community, ref: 'community' },
	departmentId: { label: m.audit_key_department, ref: 'department' },
	userId: { label: m.audit_key_user, ref: 'user' },
	categoryCode: { label: m.audit_key_category, ref: 'category' },
	displayName: { label: m.audit_key_display_name },
	role: { label: m.audit_key_role, value: roleLabel },
	username: { label: m.audit_key_username }
};

const TARGETS: Record<string, Msg> = { user: m.audit_target_user, department: m.audit_target_department, category: m.audit_target_category };

const valueText = (v: unknown, named: (s: string) => string): string => {
	if (v === null || v === undefined) return '—';
	if (Array.isArray(v)) return v.map((x) => valueText(x, named)).join(', ');
	if (typeof v === 'object') {
		const o = v as Record<string, unknown>;
		if ('from' in o && 'to' in o) return `${valueText(o.from, named)} → ${valueText(o.to, named)}`;
		return JSON.stringify(o);
	}
	return named(String(v));
};

export const auditDetailText = (d: Record<string, unknown>, names: AuditNames = {}) =>
	Object.entries(d)
		.map(([k, v]) => {
			const key = KEYS[k];
			const named = (s: string) => (key?.ref ? (names[`${key.ref}:${s}`] ?? s) : key?.value ? key.value(s) : s);
			return `${key ? key.label() : k}: ${valueText(v, named)}`;
		})
		.join(' · ');

/** 'user:12' → '账号 · 张三' when the name is known; otherwise the target as recorded. */
export function auditTargetText(target: string, names: AuditNames = {}): string {
	const kind = target.slice(0, target.indexOf(':'));
	const name = names[target];
	return name && TARGETS[kind] ? `${TARGETS[kind]()} · ${name}` : target;
}
