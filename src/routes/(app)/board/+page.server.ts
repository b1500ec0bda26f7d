import { getDb } from '$lib/server/db';
import { loadBoardPage } from '$lib/server/services/board';
import type { PageServerLoad } from './$types';
import { requireCan } from '$lib/server/auth/gate';

/** The live board: the work open right now per 片区, 居民区 or department (`?by=`), each number a link to its list. */
export const load: PageServerLoad = async (event) => {
	requireCan(event, 'stats.board');
	return loadBoardPage(getDb(), event.url.searchParams.get('by'), Date.now());
};
