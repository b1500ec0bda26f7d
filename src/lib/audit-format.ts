// How an audit entry reads on a page: the action in the reader's language, the detail as "key: value"
// with the names the service resolved for the ids and codes it recorded.
import { m } from '$lib/paraglide/messages';
import { roleLabel } from '$lib/labels';
import { label, type Msg } from '$lib/labels/label';

/** 'area:4' → '古美一片区', as the audit service resolved them. */
export type AuditNames = Record<string, string>;

/** By the action with dots as underscores: user.reset_password → audit_action_user_reset_password. */
const AUDIT_ACTIONS: Record<string, Msg> = {
	calendar_save: m.audit_action_calendar_save,
	api_key_create: m.audit_action_api_key_create,
	api_key_revoke: m.audit_action_api_key_revoke,
	camera_add: m.audit_action_camera_add,
	camera_edit: m.audit_action_camera_edit,
	camera_deactivate: m.audit_action_camera_deactivate,
	camera_reactivate: m.audit_action_camera_reactivate,
	settings_alerts: m.audit_action_settings_alerts,
	settings_appeal_routes: m.audit_action_settings_appeal_routes,
	user_create: m.audit_action_user_create,
	user_update: m.audit_action_user_update,
	user_disable: m.audit_action_user_disable,
	user_enable: m.audit_action_user_enable,
	user_reset_password: m.audit_action_user_reset_password,
	user_change_password: m.audit_action_user_change_password,
	department_create: m.audit_action_department_create,
	department_rename: m.audit_action_department_rename,
	department_retire: m.audit_action_department_retire,
	department_restore: m.audit_action_department_restore,
	category_create: m.audit_action_category_create,
	category_update: m.audit_action_category_update,
	category_limits: m.audit_action_category_limits,
	category_limits_withdraw: m.audit_action_category_limits_withdraw,
	category_retire: m.audit_action_category_retire,
	category_restore: m.audit_action_category_restore,
	settings_base_map: m.audit_action_settings_base_map,
	settings_import_retention: m.audit_action_settings_import_retention,
	place_name_create: m.audit_action_place_name_create,
	place_name_delete: m.audit_action_place_name_delete,
	boundary_publish: m.audit_action_boundary_publish
};
export const auditActionLabel = (a: string) => label(AUDIT_ACTIONS, a.replace(/\./g, '_'), a);

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

const TARGETS: Record<string, Msg> = {
	user: m.audit_target_user,
	department: m.audit_target_department,
	category: m.audit_target_category
};

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
