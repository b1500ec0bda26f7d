import { ENFORCEMENT_TRACK } from '../alert-review';
import type { Actor } from './roles';

/** What permission needs to know about a case. */
export interface CaseScope {
	areaId: number;
	communityId: number;
	departmentId: number | null;
	handlerId: number | null;
	reporterId: number;
	categoryTrack: string;
}

/** What permission needs to know about a 12345 order. */
export interface OrderScope {
	departmentId: number | null;
}

/** What permission needs to know about a camera alert (or a frame of one): its category's track. */
export interface AlertScope {
	track: string;
}

/**
 * How far a grant reaches. A grant without a resource answers "may this role do it at all"; with
 * a resource, the scope decides whether this item is the actor's to do it on.
 * - all: every item.
 * - own_area: a case in the actor's 片区, or one they reported themselves (网格员 view).
 * - own_department_or_handled: a case of the actor's department, or one they handle (承办人员 view).
 * - own_department: an item assigned to the actor's department, and to no other.
 * - own_community_unhandled: 核查 — a case in the actor's 居民区 (and 片区 view) they did not handle.
 * - enforcement_track: an alert whose category belongs to the enforcement track (执法队员).
 */
export type Scope =
	'all' | 'own_area' | 'own_department_or_handled' | 'own_department' | 'own_community_unhandled' | 'enforcement_track';

export type Resource = CaseScope | OrderScope | AlertScope;

function inOwnArea(actor: Actor, c: CaseScope): boolean {
	return actor.areaId !== null && (c.areaId === actor.areaId || c.reporterId === actor.id);
}

export function inScope(actor: Actor, scope: Scope, resource: Resource): boolean {
	switch (scope) {
		case 'all':
			return true;
		case 'own_area':
			return inOwnArea(actor, resource as CaseScope);
		case 'own_department_or_handled': {
			const c = resource as CaseScope;
			return actor.departmentId !== null && (c.departmentId === actor.departmentId || c.handlerId === actor.id);
		}
		case 'own_department': {
			const r = resource as OrderScope;
			return actor.departmentId !== null && r.departmentId === actor.departmentId;
		}
		case 'own_community_unhandled': {
			const c = resource as CaseScope;
			return inOwnArea(actor, c) && c.communityId === actor.communityId && c.handlerId !== actor.id;
		}
		case 'enforcement_track':
			return (resource as AlertScope).track === ENFORCEMENT_TRACK;
	}
}
