// Statistics as maintained counts. Each case, order or enforcement case contributes its entries
// judged "when time has run out" (an open case past any deadline is late): that part changes only
// when the record is written, so every write adds its record's change in the same transaction (the
// unit of work, services/unit-of-work.ts, does it for every write). The
// one part time alone changes — work still inside its deadline, undecided now but late later — is
// read live and corrected at query time. Figures therefore equal judging every row at `now`.
// Count keys are encoded as in repositories/stat-counts.ts (encodeKey).
import type { StatRows } from '../../repositories/stat-rows';
import { judgeAll } from './judge';

/** "Time has run out": every deadline has passed. */
export const FAR = Number.MAX_SAFE_INTEGER;
const ALL = { from: '0000-01-01', to: '9999-12-31' };

/** Adds `sign` × each entry of the rows, judged at `now` and limited to [from, to], to `into`. */
export function countEntries(
	rows: StatRows,
	now: number,
	range = ALL,
	into = new Map<string, number>(),
	sign = 1
): Map<string, number> {
	const entries = judgeAll({
		...range,
		now,
		grid: rows.grid,
		gridEvents: rows.grid,
		orders: rows.orders,
		enforcement: rows.enforcement
	});
	for (const e of entries) {
		const k = e.keys;
		const place = `${k.month}\t${k.area}\t${k.community}\t${k.category}\t${k.department}\t`;
		const key = e.type === 'rate' ? `${place}${e.rate}\t\t${e.verdict}` : `${place}${e.volume}\t${e.detail ?? ''}\t`;
		const n = (into.get(key) ?? 0) + sign;
		if (n === 0) into.delete(key);
		else into.set(key, n);
	}
	return into;
}
