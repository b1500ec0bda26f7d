import type { HotlineAction } from './hotline-status';
import type { Actor, Role } from './permissions';

/** What a role may do with 12345 orders. Deny by default: absent means no. */
/** link_case: open a grid case from an order, or join the order to an open case nearby. set_community: set or correct an order's 居民区 (待定 after an import). */
export type HotlineCapability = HotlineAction | 'import' | 'create' | 'export' | 'view' | 'link_case' | 'set_community';

export const HOTLINE_ROLE_CAPABILITIES: Readonly<Record<Role, ReadonlySet<HotlineCapability>>> = {
	dispatcher: new Set<HotlineCapability>(['view', 'import', 'create', 'export', 'assign', 'approve_return', 'reject_return', 'approve_extension', 'reject_extension', 'evaluate', 'link_case', 'set_community']),
	handler: new Set<HotlineCapability>(['view', 'sign', 'first_contact', 'reply', 'request_return', 'request_extension']),
	leader: new Set<HotlineCapability>(['view', 'export', 'supervise']),
	admin: new Set<HotlineCapability>(['view']),
	grid_worker: new Set<HotlineCapability>(),
	enforcer: new Set<HotlineCapability>()
};

export interface OrderScope {
	departmentId: number | null;
}

export function hasHotlineCapability(actor: Actor, cap: HotlineCapability): boolean {
	return HOTLINE_ROLE_CAPABILITIES[actor.role]?.has(cap) ?? false;
}

/** A handler sees the orders assigned to their department; the other roles with 'view' see all. */
export function canViewOrder(actor: Actor, order: OrderScope): boolean {
	if (!hasHotlineCapability(actor, 'view')) return false;
	if (actor.role === 'handler') return order.departmentId !== null && order.departmentId === actor.departmentId;
	return true;
}

export function canActOnOrder(actor: Actor, action: HotlineAction, order: OrderScope): boolean {
	return hasHotlineCapability(actor, action) && canViewOrder(actor, order);
}

/**
 * The citizen's name and phone are shown in full only to the dispatcher and to the handlers of
 * the department the order is assigned to; everyone else gets them masked, everywhere.
 */
export function canSeePersonalData(actor: Actor, order: OrderScope): boolean {
	if (actor.role === 'dispatcher') return true;
	return actor.role === 'handler' && order.departmentId !== null && order.departmentId === actor.departmentId;
}

/**
 * Who may find orders by the caller's full phone number or name: the dispatcher, and a handler
 * (whose list holds only their department's orders, whose callers they see in full anyway).
 * Everyone else's search never looks at phone or name, so it cannot be used to probe them.
 */
export function canSearchPersonalData(actor: Actor): boolean {
	return actor.role === 'dispatcher' || actor.role === 'handler';
}
