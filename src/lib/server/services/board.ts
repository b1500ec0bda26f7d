// The live board (实时看板): the work open right now per 片区, 居民区 or department.
import { BOARD_DIMENSIONS, BOARD_METRICS, isBoardDimension, type BoardDimension } from '$lib/domain/board';
import type { Db } from '../db/create-database';
import { loadBoard } from '../repositories/board';

/** The board grouped as asked (`?by=`; anything unknown groups by 片区), with the choices the page offers. */
export async function loadBoardPage(db: Db, byParam: string | null, now: number) {
	const by: BoardDimension = byParam && isBoardDimension(byParam) ? byParam : 'area';
	return { by, now, dimensions: BOARD_DIMENSIONS, metrics: BOARD_METRICS, ...(await loadBoard(db, by, now)) };
}
