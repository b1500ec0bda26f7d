import { OPEN_STATUSES } from '$lib/domain/case-status';
import { viewScope } from '$lib/domain/permissions';
import { taskFilter, taskStatuses } from '$lib/domain/tasks';
import { redirect } from '@sveltejs/kit';
import { requireActor } from '$lib/server/auth/guards';
import { getDb } from '$lib/server/db';
import { listTasks } from '$lib/server/repositories/cases';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const actor = requireActor(event);
	// An officer's desk is the enforcement list: every case there is theirs, nearest legal deadline first.
	if (actor.role === 'enforcer') redirect(303, '/enforcement');
	const db = getDb();
	const scope = viewScope(actor);
	const tasks = await listTasks(db, scope, taskStatuses(actor.role), taskFilter(actor));
	// Leadership's desk: the cases they urged that are still open.
	const supervised = actor.role === 'leader' ? await listTasks(db, scope, [...OPEN_STATUSES], { supervisedOnly: true }) : [];
	return { tasks, supervised, now: Date.now() };
};
