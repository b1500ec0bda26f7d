import type { PageServerLoad } from './$types';
import { isRole, ROLES } from '$lib/domain/access';
import { requireActor } from '$lib/server/auth/gate';

/** A path on this site the user came from ('/tasks', '/cases/12'), or nothing: never another site. */
const localPath = (s: string | null) => (s && /^\/(?!\/)[\w\-/.%]{0,200}$/.test(s) ? s : null);

/** The guide of the user's role (or, on request, another role's), opened on the page the user came from. */
export const load: PageServerLoad = async (event) => {
	const actor = requireActor(event);
	const sp = event.url.searchParams;
	const asked = sp.get('role');
	return {
		role: asked && isRole(asked) ? asked : actor.role,
		ownRole: actor.role,
		roles: ROLES,
		from: localPath(sp.get('from'))
	};
};
