import { error } from '@sveltejs/kit';
import { hasStatsCapability } from '$lib/domain/stats-permissions';
import { m } from '$lib/paraglide/messages';
import { requireActor } from '$lib/server/auth/guards';
import { getDb } from '$lib/server/db';
import { BOARD_DIMENSIONS, BOARD_METRICS, isBoardDimension, loadBoard, type BoardDimension } from '$lib/server/repositories/board';
import type { PageServerLoad } from './$types';

/** The live board: the work open right now per 片区, 居民区 or department (`?by=`), each number a link to its list. */
export const load: PageServerLoad = async (event) => {
	const actor = requireActor(event);
	if (!hasStatsCapability(actor, 'view_board')) error(403, m.err_forbidden());
	const byParam = event.url.searchParams.get('by') ?? 'area';
	const by: BoardDimension = isBoardDimension(byParam) ? byParam : 'area';
	const now = Date.now();
	return { by, now, dimensions: BOARD_DIMENSIONS, metrics: BOARD_METRICS, ...(await loadBoard(getDb(), by, now)) };
};
