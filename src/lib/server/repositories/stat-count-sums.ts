// Reading the maintained statistics counts (stat-counts.ts keeps them): sums over a span of months.
import type { Db } from '../db/create-database';
import type { CountGroup } from './stat-counts';

export interface CountSums {
	main: { item: string; detail: string; verdict: string; key: string; n: number }[];
	byCategory: { category: string; key: string; n: number }[];
}

/** Sums for the months [fromMonth, toMonth], by item/detail/verdict and the group column (key '' for none). */
export async function sumCounts(
	db: Db,
	fromMonth: string,
	toMonth: string,
	group: CountGroup | null
): Promise<CountSums> {
	// Without 居民区, department or category in the question, the 片区 table answers (its columns are a
	// subset of the fine table's, hence the one typed query for both).
	const table =
		group === 'community' || group === 'department' || group === 'category' ? 'stat_counts' : 'stat_counts_area';
	const key = group ?? 'item';
	const base = db
		.selectFrom(table as 'stat_counts')
		.where('month', '>=', fromMonth)
		.where('month', '<=', toMonth);
	const main = await base
		.select((eb) => ['item', 'detail', 'verdict', eb.ref(key).as('key'), eb.fn.sum<number>('n').as('n')])
		.groupBy(['item', 'detail', 'verdict', key])
		.execute();
	const byCategory = await base
		.where('item', '=', 'reported')
		.select((eb) => ['category', eb.ref(key).as('key'), eb.fn.sum<number>('n').as('n')])
		.groupBy(['category', key])
		.execute();
	return {
		main: main.map((r) => ({ ...r, key: group ? r.key : '', n: Number(r.n) })),
		byCategory: byCategory.map((r) => ({ ...r, key: group ? r.key : '', n: Number(r.n) }))
	};
}

/** The year of the oldest counted month (from the 片区 table, the smaller of the two), or null when nothing is counted yet. */
export async function firstCountedYear(db: Db): Promise<number | null> {
	const row = await db
		.selectFrom('stat_counts_area')
		.select(({ fn }) => fn.min('month').as('first'))
		.where('n', '!=', 0)
		.executeTakeFirst();
	return row?.first ? Number(String(row.first).slice(0, 4)) : null;
}
