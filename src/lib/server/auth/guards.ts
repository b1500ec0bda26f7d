import { m } from '$lib/paraglide/messages';
import { error, redirect, type RequestEvent } from '@sveltejs/kit';
import { isRole, type Actor, type Capability } from '$lib/domain/permissions';
import { hasCapability } from '$lib/domain/permissions';
import type { SessionUser } from './session';

export function toActor(u: SessionUser): Actor | null {
	if (!isRole(u.role)) return null;
	return { id: u.id, role: u.role, departmentId: u.department_id, areaId: u.area_id, communityId: u.community_id };
}

export function sessionCookieOptions(url: URL, expiresAt: number) {
	return {
		path: '/',
		httpOnly: true,
		sameSite: 'lax' as const,
		secure: url.protocol === 'https:',
		expires: new Date(expiresAt)
	};
}

/** Every load and action starts here: no session, no data. */
export function requireActor(event: Pick<RequestEvent, 'locals' | 'url'>): Actor {
	const actor = event.locals.actor;
	if (!actor) redirect(303, `/login?next=${encodeURIComponent(event.url.pathname + event.url.search)}`);
	return actor;
}

export function requireCapability(event: Pick<RequestEvent, 'locals' | 'url'>, cap: Capability): Actor {
	const actor = requireActor(event);
	if (!hasCapability(actor, cap)) error(403, m.err_forbidden());
	return actor;
}

/** Settings, reference data and accounts: the admin's alone. */
export function requireAdmin(event: Pick<RequestEvent, 'locals' | 'url'>): Actor {
	const actor = requireActor(event);
	if (actor.role !== 'admin') error(403, m.err_forbidden());
	return actor;
}
