// The figures that shade the map: one month's rate or volume for every 片区 and 居民区.
import {
	isRateMetric,
	shade,
	SHADE_RATES,
	type ShadeMetric,
	type ShadeValue,
	type Shading
} from '$lib/domain/map-shading';
import { monthPeriod } from '$lib/domain/stats-period';
import type { Db } from '../db/create-database';
import { computeStats } from './stats/compute';
import type { StatsBlock } from './stats/block';

/** A place's month at a glance: the headline rates (numerator/denominator) and volumes. */
export interface PlaceSummary {
	rates: Record<(typeof SHADE_RATES)[number], { n: number; d: number }>;
	reported: number;
	closed: number;
}

function summaryOf(block: StatsBlock | undefined): PlaceSummary {
	const rate = (k: (typeof SHADE_RATES)[number]) => ({
		n: block?.rates[k].numerator ?? 0,
		d: block?.rates[k].denominator ?? 0
	});
	return {
		rates: Object.fromEntries(SHADE_RATES.map((k) => [k, rate(k)])) as PlaceSummary['rates'],
		reported: block?.volumes.reported ?? 0,
		closed: block?.volumes.closed ?? 0
	};
}

export interface MapShading {
	month: string;
	metric: ShadeMetric;
	from: string;
	to: string;
	areas: Shading & { values: Record<string, ShadeValue>; summaries: Record<string, PlaceSummary> };
	communities: Shading & { values: Record<string, ShadeValue>; summaries: Record<string, PlaceSummary> };
}

function valueOf(block: StatsBlock, metric: ShadeMetric): ShadeValue {
	if (!isRateMetric(metric)) return { value: block.volumes[metric as 'reported' | 'closed' | 'supervised'] };
	const r = block.rates[metric as 'grid_on_time'];
	return {
		value: r.denominator ? r.numerator / r.denominator : null,
		numerator: r.numerator,
		denominator: r.denominator
	};
}

/** Every place gets a value: one with no cases that month reads 0 (volumes) or "nothing to judge" (rates). */
export async function mapShading(
	db: Db,
	month: string,
	metric: ShadeMetric,
	areaIds: number[],
	communityIds: number[],
	now: number
): Promise<MapShading> {
	const { from, to } = monthPeriod(month);
	const [byArea, byCommunity] = await Promise.all([
		computeStats(db, from, to, 'area', now),
		computeStats(db, from, to, 'community', now)
	]);
	const values = (groups: ({ key: string } & StatsBlock)[], ids: number[]) => {
		const out: Record<string, ShadeValue> = {};
		for (const id of ids) {
			const g = groups.find((x) => x.key === String(id));
			out[id] = g
				? valueOf(g, metric)
				: isRateMetric(metric)
					? { value: null, numerator: 0, denominator: 0 }
					: { value: 0 };
		}
		return out;
	};
	const areaValues = values(byArea.groups, areaIds);
	const communityValues = values(byCommunity.groups, communityIds);
	const rate = isRateMetric(metric);
	const summaries = (groups: ({ key: string } & StatsBlock)[], ids: number[]) =>
		Object.fromEntries(ids.map((id) => [id, summaryOf(groups.find((g) => g.key === String(id)))]));
	return {
		month,
		metric,
		from,
		to,
		areas: { values: areaValues, summaries: summaries(byArea.groups, areaIds), ...shade(areaValues, rate) },
		communities: {
			values: communityValues,
			summaries: summaries(byCommunity.groups, communityIds),
			...shade(communityValues, rate)
		}
	};
}
