// Numbered series (migration 021): case codes per day, enforcement codes per day, documents per year.
import type { Db } from '../db/create-database';

/**
 * The next number of `series`, taken in the caller's transaction: the row stays locked by this
 * update until that transaction ends, so concurrent writers queue for it instead of taking the same
 * number, and a write rolled back gives its number back. A series used for the first time starts
 * after `numberedBefore()`, the records numbered before series were kept.
 */
export async function nextInSeries(trx: Db, series: string, numberedBefore: () => Promise<number>): Promise<number> {
	const bump = () =>
		trx
			.updateTable('number_series')
			.set((eb) => ({ last: eb('last', '+', 1) }))
			.where('series', '=', series)
			.returning('last')
			.executeTakeFirst();
	const bumped = await bump();
	if (bumped) return Number(bumped.last);
	const started = await trx
		.insertInto('number_series')
		.values({ series, last: (await numberedBefore()) + 1 })
		.onConflict((oc) => oc.column('series').doNothing())
		.returning('last')
		.executeTakeFirst();
	if (started) return Number(started.last);
	// Another writer started the series meanwhile (and has committed): take the next one after it.
	const after = await bump();
	if (!after) throw new Error(`number series ${series} vanished`);
	return Number(after.last);
}
