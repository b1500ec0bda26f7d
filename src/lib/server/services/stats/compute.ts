import { addVerdict, emptyCount, type GroupBy, type RateCount } from '$lib/domain/rates';
import { addDays, shanghaiMidnight } from '$lib/domain/working-days';
import type { Db } from '../../db/create-database';
import { loadEnforcement, loadGridCases, loadGridEvents, loadOrders, type Span } from '../../repositories/stats';
import { judgeAll, RATE_KEYS, VOLUME_KEYS, type Entry, type RateKey, type VolumeKey } from './judge';

export type Rates = Record<RateKey, RateCount>;
export type Volumes = Record<VolumeKey, number> & { bySource: Record<string, number>; byCategory: Record<string, number>; enforcementByOutcome: Record<string, number> };

export interface StatsBlock {
	rates: Rates;
	volumes: Volumes;
}
export interface StatsResult {
	from: string;
	to: string;
	groupBy: GroupBy | null;
	total: StatsBlock;
	groups: ({ key: string } & StatsBlock)[];
}

const emptyBlock = (): StatsBlock => ({
	rates: Object.fromEntries(RATE_KEYS.map((k) => [k, emptyCount()])) as Rates,
	volumes: { ...(Object.fromEntries(VOLUME_KEYS.map((k) => [k, 0])) as Record<VolumeKey, number>), bySource: {}, byCategory: {}, enforcementByOutcome: {} }
});

function add(block: StatsBlock, e: Entry): void {
	if (e.type === 'rate') return addVerdict(block.rates[e.rate], e.verdict);
	const v = block.volumes;
	v[e.volume]++;
	if (e.volume === 'reported' && e.detail) v.bySource[e.detail] = (v.bySource[e.detail] ?? 0) + 1;
	if (e.volume === 'reported') v.byCategory[e.keys.category] = (v.byCategory[e.keys.category] ?? 0) + 1;
	if (e.volume === 'enforcement_closed' && e.detail) v.enforcementByOutcome[e.detail] = (v.enforcementByOutcome[e.detail] ?? 0) + 1;
}

export const spanOf = (from: string, to: string): Span => ({ fromMs: shanghaiMidnight(from), toMs: shanghaiMidnight(addDays(to, 1)) });

/** Every entry of the period, judged at `now`. */
export async function periodEntries(db: Db, from: string, to: string, now: number): Promise<Entry[]> {
	const span = spanOf(from, to);
	const [grid, gridEvents, orders, enforcement] = await Promise.all([loadGridCases(db, span), loadGridEvents(db, span), loadOrders(db, span), loadEnforcement(db, span)]);
	return judgeAll({ from, to, now, grid, gridEvents, orders, enforcement });
}

/** The rates and volumes of a period (dates inclusive, Asia/Shanghai), in total and grouped. */
export async function computeStats(db: Db, from: string, to: string, groupBy: GroupBy | null, now: number): Promise<StatsResult> {
	const entries = await periodEntries(db, from, to, now);
	const total = emptyBlock();
	const groups = new Map<string, StatsBlock>();
	for (const e of entries) {
		add(total, e);
		if (!groupBy) continue;
		const k = e.keys[groupBy];
		let g = groups.get(k);
		if (!g) groups.set(k, (g = emptyBlock()));
		add(g, e);
	}
	return { from, to, groupBy, total, groups: [...groups.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([key, b]) => ({ key, ...b })) };
}
