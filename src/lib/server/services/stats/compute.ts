import type { Db } from '../../db/create-database';
import { loadEnforcement, loadGridCases, loadGridEvents, loadOrders, spanOf } from '../../repositories/stats';
import { countsReady } from './rebuild';
import { statsFromCounts, wholeMonths } from './from-counts';
import { addItem, statsBlocks, type PeriodStats, type StatsBlock } from './block';
import { judgeAll, type Entry } from './judge';

export type { Rates, StatsBlock, StatsResult, Volumes } from './block';

const add = (block: StatsBlock, e: Entry) =>
	e.type === 'rate'
		? addItem(block, e.rate, '', e.verdict, e.keys.category, 1)
		: addItem(block, e.volume, e.detail ?? '', '', e.keys.category, 1);

export { spanOf };

/** Every entry of the period, judged at `now`. */
export async function periodEntries(db: Db, from: string, to: string, now: number): Promise<Entry[]> {
	const span = spanOf(from, to);
	const [grid, gridEvents, orders, enforcement] = await Promise.all([
		loadGridCases(db, span),
		loadGridEvents(db, span),
		loadOrders(db, span),
		loadEnforcement(db, span)
	]);
	return judgeAll({ from, to, now, grid, gridEvents, orders, enforcement });
}

/**
 * The rates and volumes of a period, in total and grouped: from the maintained counts when they can
 * answer (whole months, a grouping they keep), otherwise by judging every row.
 */
export const computeStats: PeriodStats = async (db, from, to, groupBy, now) => {
	const months = wholeMonths(from, to);
	if (months && groupBy !== 'worker' && (await countsReady(db))) return statsFromCounts(db, from, to, groupBy, now);
	return statsFromEntries(db, from, to, groupBy, now);
};

/** The same figures by judging every row of the period at `now`. */
export const statsFromEntries: PeriodStats = async (db, from, to, groupBy, now) => {
	const blocks = statsBlocks();
	for (const e of await periodEntries(db, from, to, now)) {
		add(blocks.total, e);
		if (groupBy) add(blocks.of(e.keys[groupBy]), e);
	}
	return blocks.result(from, to, groupBy);
};
