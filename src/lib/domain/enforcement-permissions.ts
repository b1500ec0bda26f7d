import type { EnforcementAction } from './enforcement-status';
import type { Actor, Role } from './permissions';

/**
 * Camera alerts, the shop registry and enforcement cases. Deny by default.
 * - review_alerts: false alarm / grid case / enforcement case (城运中心 and 执法队员).
 * - open_enforcement: start an enforcement case from a reviewed alert.
 * - personal_data: a shop owner's name and phone in full (those who must reach the party).
 */
export type EnforcementCapability =
	| EnforcementAction
	| 'view'
	| 'review_alerts'
	| 'open_enforcement'
	| 'view_shops'
	| 'manage_shops'
	| 'personal_data'
	| 'manage_cameras';

const OFFICER: EnforcementCapability[] = [
	'view', 'review_alerts', 'open_enforcement', 'view_shops', 'manage_shops', 'personal_data',
	'link_shop', 'notify', 'recheck', 'register', 'confirm_party', 'issue_notice', 'record_statement',
	'lapse_statement', 'decide', 'record_payment', 'close', 'cancel'
];

export const ENFORCEMENT_ROLE_CAPABILITIES: Readonly<Record<Role, ReadonlySet<EnforcementCapability>>> = {
	enforcer: new Set(OFFICER),
	dispatcher: new Set<EnforcementCapability>(['view', 'review_alerts', 'open_enforcement', 'view_shops']),
	leader: new Set<EnforcementCapability>(['view', 'view_shops']),
	admin: new Set<EnforcementCapability>(['view', 'manage_cameras']),
	handler: new Set<EnforcementCapability>(),
	grid_worker: new Set<EnforcementCapability>()
};

export function hasEnforcementCapability(actor: Actor, cap: EnforcementCapability): boolean {
	return ENFORCEMENT_ROLE_CAPABILITIES[actor.role]?.has(cap) ?? false;
}
