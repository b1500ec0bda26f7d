// A period's figures from the maintained counts (whole months only): the settled counts summed in
// SQL, then the work still inside its deadline re-judged at `now` (see counting.ts).
import type { GroupBy } from '$lib/domain/rates';
import { addDays } from '$lib/domain/working-days';
import { sumCounts } from '../../repositories/stat-count-sums';
import { COUNT_COLUMNS, decodeKey, type CountGroup } from '../../repositories/stat-counts';
import { statRowsAwaitingClock } from '../../repositories/stat-rows';
import { spanOf } from '../../repositories/stats';
import { addItem, statsBlocks, type PeriodStats } from './block';
import { countEntries, FAR } from './counting';

/** [fromMonth, toMonth] when the dates cover whole calendar months, else null. */
export function wholeMonths(from: string, to: string): [string, string] | null {
	if (!from.endsWith('-01') || !addDays(to, 1).endsWith('-01') || from > to) return null;
	return [from.slice(0, 7), to.slice(0, 7)];
}

/** The figures of whole months from the kept counts, with the live part of the work still waiting on the clock. */
export const statsFromCounts: PeriodStats<Exclude<GroupBy, 'worker'>> = async (db, from, to, groupBy, now) => {
	const months = wholeMonths(from, to);
	if (!months) throw new Error(`not whole months: ${from}…${to}`);
	const group: CountGroup | null = groupBy;
	const [sums, live] = await Promise.all([
		sumCounts(db, months[0], months[1], group),
		statRowsAwaitingClock(db, spanOf(from, to), now)
	]);

	const blocks = statsBlocks();
	const { total } = blocks;
	for (const r of sums.main) {
		if (r.item === 'reported') continue; // added with its category below
		addItem(total, r.item, r.detail, r.verdict, '', r.n);
		if (group) addItem(blocks.of(r.key), r.item, r.detail, r.verdict, '', r.n);
	}
	// 'reported' is summed by category too (the by-category volumes); its by-source split comes from the main sums.
	for (const r of sums.main) {
		if (r.item !== 'reported') continue;
		for (const b of group ? [total, blocks.of(r.key)] : [total])
			if (r.detail) b.volumes.bySource[r.detail] = (b.volumes.bySource[r.detail] ?? 0) + r.n;
	}
	for (const r of sums.byCategory) {
		for (const b of group ? [total, blocks.of(r.key)] : [total]) {
			b.volumes.reported += r.n;
			b.volumes.byCategory[r.category] = (b.volumes.byCategory[r.category] ?? 0) + r.n;
		}
	}

	// The live part: now minus "time has run out", for the work whose deadline has not passed.
	const range = { from, to };
	const change = countEntries(live, FAR, range, countEntries(live, now, range), -1);
	const at = group ? COUNT_COLUMNS.indexOf(group) : -1;
	for (const [key, n] of change) {
		const k = decodeKey(key);
		addItem(total, k[5], k[6], k[7], k[3], n);
		if (group) addItem(blocks.of(k[at]), k[5], k[6], k[7], k[3], n);
	}
	return blocks.result(from, to, groupBy);
};
