import { error, type RequestEvent } from '@sveltejs/kit';
import { hasHotlineCapability, type HotlineCapability } from '$lib/domain/hotline-permissions';
import type { Actor } from '$lib/domain/permissions';
import { m } from '$lib/paraglide/messages';
import { requireActor } from './guards';

export function requireHotline(event: Pick<RequestEvent, 'locals' | 'url'>, cap: HotlineCapability): Actor {
	const actor = requireActor(event);
	if (!hasHotlineCapability(actor, cap)) error(403, m.err_forbidden());
	return actor;
}
