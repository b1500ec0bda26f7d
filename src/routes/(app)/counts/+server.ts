import { json } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { getDb } from '$lib/server/db';
import { countWork } from '$lib/server/services/work-counts';
import type { RequestHandler } from './$types';

const problem = (status: number, code: string, message: string) =>
	json({ error: { code, message } }, { status, headers: { 'cache-control': 'private, no-store' } });

/**
 * The signed-in person's live counts for the header badge, polled while the page is shown:
 * `{ todo, overdue, dueSoon, cases, orders, at }`. It takes no parameters; any is refused, so a
 * caller that expects a filter learns it is not applied.
 */
export const GET: RequestHandler = async ({ locals, url }) => {
	const actor = locals.actor;
	if (!actor) return problem(401, 'unauthenticated', m.err_forbidden());
	if ([...url.searchParams.keys()].length) return problem(400, 'unexpected_parameter', m.err_invalid_input());
	const now = Date.now();
	const counts = await countWork(getDb(), actor, now);
	if (!counts) return problem(403, 'no_work_list', m.err_forbidden());
	return json({ ...counts, at: now }, { headers: { 'cache-control': 'private, no-store' } });
};
