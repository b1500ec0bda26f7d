import type { CaseAction } from './case-status';

/** The six roles a GridCase account can have (README, demo accounts). */
export const ROLES = ['grid_worker', 'handler', 'dispatcher', 'enforcer', 'leader', 'admin'] as const;
export type Role = (typeof ROLES)[number];
export function isRole(s: string): s is Role {
	return (ROLES as readonly string[]).includes(s);
}

/** Who is acting: the signed-in user, reduced to what permission needs. */
export interface Actor {
	id: number;
	role: Role;
	departmentId: number | null;
	areaId: number | null; // 片区
	communityId: number | null; // 居民区
}

/** What permission needs to know about a case. */
export interface CaseScope {
	areaId: number;
	communityId: number;
	departmentId: number | null;
	handlerId: number | null;
	reporterId: number;
	categoryTrack: string;
}

export type Capability = CaseAction | 'report' | 'self_handle' | 'view_personal_data';

/** The permission table: what each role may do at all. Deny by default: absent means no. */
export const ROLE_CAPABILITIES: Readonly<Record<Role, ReadonlySet<Capability>>> = {
	grid_worker: new Set<Capability>(['report', 'self_handle', 'check_pass', 'check_fail']),
	handler: new Set<Capability>(['sign', 'feedback', 'request_return', 'request_extension']),
	dispatcher: new Set<Capability>([
		'report',
		'accept',
		'void',
		'register',
		'dispatch',
		'approve_return',
		'reject_return',
		'approve_extension',
		'reject_extension',
		'park',
		'unpark',
		'close',
		'view_personal_data'
	]),
	enforcer: new Set<Capability>(),
	leader: new Set<Capability>(['supervise']),
	admin: new Set<Capability>()
};

/** Which cases a role sees, as data the repository turns into a WHERE clause. */
export type ViewScope =
	| { kind: 'all' }
	| { kind: 'area'; areaId: number; userId: number }
	| { kind: 'department'; departmentId: number; userId: number }
	| { kind: 'none' };

export function viewScope(actor: Actor): ViewScope {
	switch (actor.role) {
		case 'dispatcher':
		case 'leader':
		case 'admin':
			return { kind: 'all' };
		case 'grid_worker':
			return actor.areaId === null ? { kind: 'none' } : { kind: 'area', areaId: actor.areaId, userId: actor.id };
		case 'handler':
			return actor.departmentId === null ? { kind: 'none' } : { kind: 'department', departmentId: actor.departmentId, userId: actor.id };
		default:
			// 执法队员 see enforcement cases only (enforcement-permissions.ts), not the grid flow.
			return { kind: 'none' };
	}
}

export function canView(actor: Actor, c: CaseScope): boolean {
	const scope = viewScope(actor);
	switch (scope.kind) {
		case 'all':
			return true;
		case 'area':
			// A worker sees the own 片区, and always what they reported themselves.
			return c.areaId === scope.areaId || c.reporterId === scope.userId;
		case 'department':
			return c.departmentId === scope.departmentId || c.handlerId === scope.userId;
		case 'none':
			return false;
	}
}

export function hasCapability(actor: Actor, cap: Capability): boolean {
	return isRole(actor.role) && ROLE_CAPABILITIES[actor.role].has(cap);
}

/** The one gate for acting on a case: the role may do it, and this case is theirs to do it on. */
export function canAct(actor: Actor, action: CaseAction, c: CaseScope): boolean {
	if (!hasCapability(actor, action) || !canView(actor, c)) return false;
	switch (actor.role) {
		case 'handler':
			return c.departmentId !== null && c.departmentId === actor.departmentId;
		case 'grid_worker':
			// 核查 is done by a worker of that 居民区 who did not handle it.
			return c.communityId === actor.communityId && c.handlerId !== actor.id;
		default:
			return true;
	}
}
