import { hasCapability, viewScope } from '$lib/domain/permissions';
import { hasEnforcementCapability } from '$lib/domain/enforcement-permissions';
import { hasHotlineCapability } from '$lib/domain/hotline-permissions';
import { hasStatsCapability } from '$lib/domain/stats-permissions';
import { missingCalendarYears } from '$lib/domain/calendar-input';
import { shanghaiDate } from '$lib/domain/working-days';
import { requireActor } from '$lib/server/auth/guards';
import { getDb } from '$lib/server/db';
import { calendarYearsOnFile } from '$lib/server/repositories/calendar';
import type { LayoutServerLoad } from './$types';

// Layout loads do not protect child pages: each page and action guards itself as well.
export const load: LayoutServerLoad = async (event) => {
	const actor = requireActor(event);
	// This year's and next year's official holidays should be on file (domain README §5).
	const calendarMissing = missingCalendarYears(shanghaiDate(Date.now()), await calendarYearsOnFile(getDb()));
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
		isAdmin: actor.role === 'admin',
		calendarMissing,
		/** When this page's data was current: a page kept for offline reading says so. */
		generatedAt: Date.now()
	};
};
