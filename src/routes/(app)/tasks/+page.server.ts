import { redirect } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { loadTasksPage } from '$lib/server/services/work-list';
import type { PageServerLoad } from './$types';
import { can } from '$lib/domain/access';
import { requireActor } from '$lib/server/auth/gate';

const pageNumber = (s: string | null) => (s && /^[1-9][0-9]{0,6}$/.test(s) ? Number(s) : 1);

export const load: PageServerLoad = async (event) => {
	const actor = requireActor(event);
	// An officer's desk is the enforcement list: every case there is theirs, nearest legal deadline first.
	if (!can(actor, 'case.view') && can(actor, 'enforcement.view')) redirect(303, '/enforcement');
	const sp = event.url.searchParams;
	return loadTasksPage(getDb(), actor, sp.get('view'), pageNumber(sp.get('page')), Date.now());
};
