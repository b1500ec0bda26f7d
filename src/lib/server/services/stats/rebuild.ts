// Rebuilding the maintained counts from the records themselves: every case, 12345 order and
// enforcement case (and the case events that tell an approved 延期), judged as the writes judge them.
import { retryWhileBusy, type BusyRetry } from '../../db/busy';
import type { Db } from '../../db/create-database';
import { holdCountsForRebuild, readAllCounts, replaceAllCounts, rolledUp } from '../../repositories/stat-counts';
import { maxStatId, statRowsInIdRange, type StatKind } from '../../repositories/stat-rows';
import { getSetting, setSetting } from '../../repositories/settings';
import { countEntries, FAR } from './counting';

const STATE_KEY = 'stat_counts_state';
/**
 * The judging rules the stored counts were built with. Raising it rebuilds them at the next start:
 * 2 — a 核查 waiting past its limit counts as late, a passed 核查 decides the case.
 */
const RULES = 'rules-2';
const SLICE = 5_000;

/** The counts as they should be, computed from every record (read in slices of ids). */
export async function countsFromRecords(
	db: Db,
	progress?: (kind: StatKind, done: number, of: number) => void
): Promise<Map<string, number>> {
	const counts = new Map<string, number>();
	for (const kind of ['case', 'order', 'enforcement'] as const) {
		const max = await maxStatId(db, kind);
		for (let from = 1; from <= max; from += SLICE) {
			countEntries(await statRowsInIdRange(db, kind, from, from + SLICE), FAR, undefined, counts);
			progress?.(kind, Math.min(from + SLICE - 1, max), max);
		}
	}
	return counts;
}

export interface CountDifference {
	/** The 片区 roll-up's key has 6 parts: month, area, category, item, detail, verdict. */
	table?: 'area';
	key: string;
	maintained: number;
	rebuilt: number;
}

export function differences(maintained: Map<string, number>, rebuilt: Map<string, number>): CountDifference[] {
	const out: CountDifference[] = [];
	for (const key of new Set([...maintained.keys(), ...rebuilt.keys()])) {
		const a = maintained.get(key) ?? 0;
		const b = rebuilt.get(key) ?? 0;
		if (a !== b) out.push({ key, maintained: a, rebuilt: b });
	}
	return out.sort((x, y) => x.key.localeCompare(y.key));
}

/**
 * Recomputes every count from the records and compares with the maintained table; with `write`, then
 * replaces the table. One transaction: writers wait until it is done, so the two always agree.
 */
export async function rebuildCounts(
	db: Db,
	opts: { write: boolean; progress?: (kind: StatKind, done: number, of: number) => void; onWait?: BusyRetry['onWait'] }
) {
	// Comparing only reads a snapshot and lets writers go on (REPEATABLE READ on PostgreSQL, whose
	// default gives each statement a snapshot of its own); rebuilding takes the write lock first,
	// waiting (and saying so through onWait) while another connection writes. On PostgreSQL that is
	// the count tables' lock: writers queue at their count change and add it after the rebuild.
	const begin = opts.write
		? db.transaction()
		: db.transaction().setAccessMode('read only').setIsolationLevel('repeatable read');
	return retryWhileBusy(
		() =>
			begin.execute(async (trx) => {
				if (opts.write) await holdCountsForRebuild(trx);
				const maintained = await readAllCounts(trx);
				const rebuilt = await countsFromRecords(trx, opts.progress);
				const diff = [
					...differences(maintained.fine, rebuilt),
					...differences(maintained.area, rolledUp(rebuilt)).map((d) => ({ ...d, table: 'area' as const }))
				];
				if (opts.write) {
					await replaceAllCounts(trx, rebuilt);
					await setSetting(trx, STATE_KEY, RULES);
				}
				return { rows: rebuilt.size, differences: diff };
			}),
		{ onWait: opts.onWait }
	);
}

export const countsReady = async (db: Db) => (await getSetting(db, STATE_KEY)) === RULES;

/** At start: a database whose counts were never built (a new one, or one migrated to 006), or were built by older rules, gets them. */
export async function ensureCounts(db: Db): Promise<number | null> {
	if (await countsReady(db)) return null;
	return (await rebuildCounts(db, { write: true })).rows;
}
