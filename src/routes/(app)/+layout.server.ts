import { getDb } from '$lib/server/db';
import { loadShellStatus } from '$lib/server/services/app-shell';
import type { LayoutServerLoad } from './$types';
import { viewScope, can } from '$lib/domain/access';
import { requireActor } from '$lib/server/auth/gate';

/** Set when a non-admin has been shown the short calendar notice, with the years it was about. */
const CALENDAR_NOTICE_COOKIE = 'gc_calendar_notice';

// Layout loads do not protect child pages: each page and action guards itself as well.
export const load: LayoutServerLoad = async (event) => {
	const actor = requireActor(event);
	// This year's and next year's official holidays should be on file: past them, working days fall
	// back to Mon–Fri and every deadline may be wrong, so the admin is told.
	const now = Date.now();
	const { calendarMissing, counts } = await loadShellStatus(getDb(), actor, now);
	// Only the admin can act on it: the others are told once, in one line, and not again for the same years.
	const seenKey = calendarMissing.join(',');
	const calendarNotice: 'full' | 'short' | null =
		calendarMissing.length === 0
			? null
			: can(actor, 'admin.manage')
				? 'full'
				: event.cookies.get(CALENDAR_NOTICE_COOKIE) === seenKey
					? null
					: 'short';
	if (calendarNotice === 'short') {
		try {
			event.cookies.set(CALENDAR_NOTICE_COOKIE, seenKey, {
				path: '/',
				maxAge: 400 * 86_400,
				httpOnly: true,
				sameSite: 'lax',
				secure: event.url.protocol === 'https:'
			});
		} catch {
			// The page's own load already answered (a redirect it threw while this one waited for the
			// database): nothing was shown, so the notice simply comes on the next page.
		}
	}
	const user = event.locals.user!;
	return {
		user: { name: user.display_name, username: user.username, role: actor.role },
		canSeeCases: viewScope(actor).kind !== 'none',
		canReport: can(actor, 'case.report'),
		canSeeHotline: can(actor, 'hotline.view'),
		canReviewAlerts: can(actor, 'alerts.review'),
		canSeeEnforcement: can(actor, 'enforcement.view'),
		canSeeShops: can(actor, 'enforcement.view_shops'),
		canSeeStats: can(actor, 'stats.view'),
		canSeeBoard: can(actor, 'stats.board'),
		isAdmin: can(actor, 'admin.manage'),
		calendarMissing,
		calendarNotice,
		// The header's 待办/超期 badge as of this page; the badge polls /counts for newer figures.
		counts,
		countsAt: now,
		/** When this page's data was current: a page kept for offline reading says so. */
		generatedAt: Date.now()
	};
};
