import { getDb } from '$lib/server/db';
import {
	BOARD_DIMENSIONS,
	BOARD_METRICS,
	isBoardDimension,
	loadBoard,
	type BoardDimension
} from '$lib/server/repositories/board';
import type { PageServerLoad } from './$types';
import { requireCan } from '$lib/server/auth/gate';

/** The live board: the work open right now per 片区, 居民区 or department (`?by=`), each number a link to its list. */
export const load: PageServerLoad = async (event) => {
	requireCan(event, 'stats.board');
	const byParam = event.url.searchParams.get('by') ?? 'area';
	const by: BoardDimension = isBoardDimension(byParam) ? byParam : 'area';
	const now = Date.now();
	return { by, now, dimensions: BOARD_DIMENSIONS, metrics: BOARD_METRICS, ...(await loadBoard(getDb(), by, now)) };
};
