// The server side of the access gate: the same answers as `can()` (src/lib/domain/access), turned
// into the responses every route gives. Signed out: 303 to the login page, back here afterwards.
// Signed in but not allowed: 403.
import { error, redirect, type RequestEvent } from '@sveltejs/kit';
import { can, type Actor, type Capability, type ResourceOf } from '$lib/domain/access';
import { m } from '$lib/paraglide/messages';

type GateEvent = Pick<RequestEvent, 'locals' | 'url'>;

/** Every load and action starts here: no session, no data. */
export function requireActor(event: GateEvent): Actor {
	const actor = event.locals.actor;
	if (!actor) redirect(303, `/login?next=${encodeURIComponent(event.url.pathname + event.url.search)}`);
	return actor;
}

/** The signed-in actor, if `can(actor, cap, resource)`; otherwise the redirect or the 403. */
export function requireCan<C extends Capability>(event: GateEvent, cap: C, resource?: ResourceOf<C>): Actor {
	const actor = requireActor(event);
	assertCan(actor, cap, resource);
	return actor;
}

/** For a resource loaded after the actor is known: 403 unless `can(actor, cap, resource)`. */
export function assertCan<C extends Capability>(
	actor: Actor,
	cap: C,
	resource?: ResourceOf<C>,
	message: () => string = m.err_forbidden
): void {
	if (!can(actor, cap, resource)) error(403, message());
}
