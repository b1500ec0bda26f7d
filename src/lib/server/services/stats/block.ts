// A block of figures (all rates and volumes) and how entries or counts are added to it.
import { addVerdict, emptyCount, type GroupBy, type RateCount, type Verdict } from '$lib/domain/rates';
import type { Db } from '../../db/create-database';
import { RATE_KEYS, VOLUME_KEYS, type RateKey, type VolumeKey } from './judge';

export type Rates = Record<RateKey, RateCount>;
export type Volumes = Record<VolumeKey, number> & {
	bySource: Record<string, number>;
	byCategory: Record<string, number>;
	enforcementByOutcome: Record<string, number>;
};

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

/** The figures of a period (dates inclusive, Asia/Shanghai), in total and grouped, judged at `now`. */
export type PeriodStats<G extends GroupBy = GroupBy> = (
	db: Db,
	from: string,
	to: string,
	groupBy: G | null,
	now: number
) => Promise<StatsResult>;

export const emptyBlock = (): StatsBlock => ({
	rates: Object.fromEntries(RATE_KEYS.map((k) => [k, emptyCount()])) as Rates,
	volumes: {
		...(Object.fromEntries(VOLUME_KEYS.map((k) => [k, 0])) as Record<VolumeKey, number>),
		bySource: {},
		byCategory: {},
		enforcementByOutcome: {}
	}
});

const isRate = (item: string): item is RateKey => (RATE_KEYS as readonly string[]).includes(item);

/** Adds `n` entries of one item (a rate with its verdict, or a volume with its detail). */
export function addItem(
	block: StatsBlock,
	item: string,
	detail: string,
	verdict: string,
	category: string,
	n: number
): void {
	if (isRate(item)) return addVerdict(block.rates[item], verdict as Verdict, n);
	const v = block.volumes;
	v[item as VolumeKey] += n;
	if (item === 'reported' && detail) v.bySource[detail] = (v.bySource[detail] ?? 0) + n;
	if (item === 'reported') v.byCategory[category] = (v.byCategory[category] ?? 0) + n;
	if (item === 'enforcement_closed' && detail)
		v.enforcementByOutcome[detail] = (v.enforcementByOutcome[detail] ?? 0) + n;
}

/** The total and a block per group key, filled as entries or counts are added, then answered groups by key. */
export function statsBlocks() {
	const total = emptyBlock();
	const groups = new Map<string, StatsBlock>();
	return {
		total,
		/** The block of one group, made on first use. */
		of(key: string): StatsBlock {
			let g = groups.get(key);
			if (!g) groups.set(key, (g = emptyBlock()));
			return g;
		},
		result: (from: string, to: string, groupBy: GroupBy | null): StatsResult => ({
			from,
			to,
			groupBy,
			total,
			groups: [...groups.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([key, b]) => ({ key, ...b }))
		})
	};
}
