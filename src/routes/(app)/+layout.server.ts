import { hasCapability, viewScope } from '$lib/domain/permissions';
import { hasEnforcementCapability } from '$lib/domain/enforcement-permissions';
import { hasHotlineCapability } from '$lib/domain/hotline-permissions';
import { hasStatsCapability } from '$lib/domain/stats-permissions';
import { requireActor } from '$lib/server/auth/guards';
import type { LayoutServerLoad } from './$types';

// Layout loads do not protect child pages: each page and action guards itself as well.
export const load: LayoutServerLoad = (event) => {
	const actor = requireActor(event);
	const user = event.locals.user!;
	return {
		user: { name: user.display_name, username: user.username, role: actor.role },
		canSeeCases: viewScope(actor).kind !== 'none',
		canReport: hasCapability(actor, 'report'),
		canSeeHotline: hasHotlineCapability(actor, 'view'),
		canReviewAlerts: hasEnforcementCapability(actor, 'review_alerts'),
		canSeeEnforcement: hasEnforcementCapability(actor, 'view'),
		canSeeShops: hasEnforcementCapability(actor, 'view_shops'),
		canSeeStats: hasStatsCapability(actor, 'view_stats'),
		canSeeBoard: hasStatsCapability(actor, 'view_board'),
		isAdmin: actor.role === 'admin'
	};
};
