// The one access gate: `can(actor, capability, resource?)` over the tables in tables.ts. Pages,
// actions, endpoints, file routes and services all ask it (on the server through
// $lib/server/auth/gate.ts), so a rule is written once.
import { ENFORCEMENT_TRACK } from '../alert-review';
import { TABLES, type Grants } from './tables';
import type { Actor, Role } from './roles';
import { inScope, type AlertScope, type CaseScope, type OrderScope, type Scope } from './scopes';

export { ROLES, isRole, type Actor, type Role } from './roles';
export type { AlertScope, CaseScope, OrderScope, Scope } from './scopes';
export { TABLES, type Grants } from './tables';

type Tables = typeof TABLES;
export type Track = keyof Tables;
/** A capability is `track.name`, e.g. `case.dispatch`, `hotline.view`, `admin.manage`. */
export type Capability = { [T in Track]: `${T}.${Extract<keyof Tables[T], string>}` }[Track];
export type CaseCapability = Extract<Capability, `case.${string}`>;
export type HotlineCapability = Extract<Capability, `hotline.${string}`>;
export type EnforcementCapability = Extract<Capability, `enforcement.${string}`>;

/** The resource a capability's scope is judged on. */
export type ResourceOf<C extends Capability> = C extends `case.${string}`
	? CaseScope
	: C extends `hotline.${string}`
		? OrderScope
		: C extends `alerts.${string}`
			? AlertScope
			: never;

/** Every capability of every table, for tests and the route matrix. */
export const CAPABILITIES: readonly Capability[] = (Object.keys(TABLES) as Track[]).flatMap((t) =>
	Object.keys(TABLES[t]).map((name) => `${t}.${name}` as Capability)
);

export function grantsOf(cap: Capability): Grants | undefined {
	const dot = cap.indexOf('.');
	const table = TABLES[cap.slice(0, dot) as Track] as Record<string, Grants> | undefined;
	return table && Object.hasOwn(table, cap.slice(dot + 1)) ? table[cap.slice(dot + 1)] : undefined;
}

/** The scope in which a role holds a capability; null when it does not. */
export function scopeOf(role: Role, cap: Capability): Scope | null {
	const grants = grantsOf(cap);
	return grants && Object.hasOwn(grants, role) ? (grants[role] ?? null) : null;
}

/** May the role do it at all (no particular item in view)? */
export function roleMay(role: Role, cap: Capability): boolean {
	return scopeOf(role, cap) !== null;
}

/**
 * May this actor do this? Without a resource: does their role hold the capability at all. With
 * one: is this item inside the scope of their grant. Signed out, or anything unknown: no.
 */
export function can<C extends Capability>(actor: Actor | null | undefined, cap: C, resource?: ResourceOf<C>): boolean {
	if (!actor) return false;
	const scope = scopeOf(actor.role, cap);
	if (scope === null) return false;
	return resource === undefined || inScope(actor, scope, resource);
}

/** Which cases a role sees, as data the repository turns into a WHERE clause (the `case.view` row). */
export type ViewScope =
	| { kind: 'all' }
	| { kind: 'area'; areaId: number; userId: number }
	| { kind: 'department'; departmentId: number; userId: number }
	| { kind: 'none' };

export function viewScope(actor: Actor): ViewScope {
	switch (scopeOf(actor.role, 'case.view')) {
		case 'all':
			return { kind: 'all' };
		case 'own_area':
			return actor.areaId === null ? { kind: 'none' } : { kind: 'area', areaId: actor.areaId, userId: actor.id };
		case 'own_department_or_handled':
			return actor.departmentId === null
				? { kind: 'none' }
				: { kind: 'department', departmentId: actor.departmentId, userId: actor.id };
		default:
			return { kind: 'none' };
	}
}

/** The department a list of 12345 orders is narrowed to (the `hotline.view` row); null: all departments. */
export function orderDepartmentFilter(actor: Actor): number | null {
	return scopeOf(actor.role, 'hotline.view') === 'own_department' ? (actor.departmentId ?? -1) : null;
}

/** The track a list of alerts is narrowed to (the `alerts.review` row); undefined: every track. */
export function alertTrackFilter(actor: Actor): string | undefined {
	return scopeOf(actor.role, 'alerts.review') === 'enforcement_track' ? ENFORCEMENT_TRACK : undefined;
}
