import { hasCapability } from '$lib/domain/permissions';
import { hasHotlineCapability } from '$lib/domain/hotline-permissions';
import { requireActor } from '$lib/server/auth/guards';
import type { LayoutServerLoad } from './$types';

// Layout loads do not protect child pages: each page and action guards itself as well.
export const load: LayoutServerLoad = (event) => {
	const actor = requireActor(event);
	const user = event.locals.user!;
	return {
		user: { name: user.display_name, username: user.username, role: actor.role },
		canReport: hasCapability(actor, 'report'),
		canSeeHotline: hasHotlineCapability(actor, 'view'),
		isAdmin: actor.role === 'admin'
	};
};
