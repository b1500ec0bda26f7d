// Names and rules of the rates and volumes, shared by the statistics page, its drill-down and the
// printable monthly report (in the reader's language; a locale can be passed for a fixed one).
import { enfOutcomeLabel, sourceLabel } from '$lib/labels';
import { m } from '$lib/paraglide/messages';

type Locale = 'zh' | 'en';
type Msg = (inputs?: Record<string, never>, options?: { locale?: Locale }) => string;

export const RATE_NAMES: Record<string, Msg> = {
	first_contact: m.stats_rate_first_contact,
	hotline_on_time: m.stats_rate_hotline_on_time,
	grid_on_time: m.stats_rate_grid_on_time,
	grid_efficient: m.stats_rate_grid_efficient,
	rework: m.stats_rate_rework,
	satisfaction: m.stats_rate_satisfaction,
	return: m.stats_rate_return,
	extension: m.stats_rate_extension
};

const RATE_RULES: Record<string, Msg> = {
	first_contact: m.stats_rule_first_contact,
	hotline_on_time: m.stats_rule_hotline_on_time,
	grid_on_time: m.stats_rule_grid_on_time,
	grid_efficient: m.stats_rule_grid_efficient,
	rework: m.stats_rule_rework,
	satisfaction: m.stats_rule_satisfaction,
	return: m.stats_rule_return,
	extension: m.stats_rule_extension
};

const PART_NAMES: Record<string, Msg> = {
	numerator: m.stats_part_numerator,
	denominator: m.stats_part_denominator,
	missed: m.stats_part_missed,
	excluded: m.stats_part_excluded,
	undecided: m.stats_part_undecided
};

/**
 * For the rates where lower is better (返工率, 退单率, 延期率) the numerator is the event, so the rest of
 * the denominator did not miss anything: it is named for what did not happen.
 */
const MISSED_NAMES: Record<string, Msg> = {
	rework: m.stats_part_missed_rework,
	return: m.stats_part_missed_return,
	extension: m.stats_part_missed_extension
};

const GROUP_NAMES: Record<string, Msg> = {
	month: m.stats_group_month,
	area: m.stats_group_area,
	community: m.stats_group_community,
	category: m.stats_group_category,
	department: m.stats_group_department,
	worker: m.stats_group_worker
};

const VOLUME_NAMES: Record<string, Msg> = {
	reported: m.stats_vol_reported,
	closed: m.stats_vol_closed,
	orders_received: m.stats_vol_orders_received,
	orders_completed: m.stats_vol_orders_completed,
	stock_structures_closed: m.stats_vol_stock_structures_closed,
	enforcement_opened: m.stats_vol_enforcement_opened,
	enforcement_closed: m.stats_vol_enforcement_closed,
	supervised: m.stats_vol_supervised
};

const pick = (table: Record<string, Msg>, key: string, locale?: Locale) =>
	table[key]?.({}, locale ? { locale } : undefined) ?? key;

export const rateName = (key: string, locale?: Locale) => pick(RATE_NAMES, key, locale);
export const rateRule = (key: string, locale?: Locale) => pick(RATE_RULES, key, locale);
/** A part of a rate's denominator; `rate` names the rest of a lower-is-better rate for what it is. */
export const partName = (key: string, locale?: Locale, rate?: string) =>
	key === 'missed' && rate && MISSED_NAMES[rate] ? pick(MISSED_NAMES, rate, locale) : pick(PART_NAMES, key, locale);
export const groupByName = (key: string, locale?: Locale) => pick(GROUP_NAMES, key, locale);
export const volumeName = (key: string, locale?: Locale) => pick(VOLUME_NAMES, key, locale);

/** The four rates leadership reads first: the grouped table and the trend show these. */
export const HEADLINE_RATES = ['grid_on_time', 'grid_efficient', 'first_contact', 'hotline_on_time'] as const;

/** The volumes shown, in order (by source follows 上报). */
export const SHOWN_VOLUMES = [
	'reported',
	'closed',
	'orders_received',
	'orders_completed',
	'stock_structures_closed',
	'enforcement_opened',
	'enforcement_closed',
	'supervised'
] as const;

/** '2023-07' → '2023年7月'. */
export const monthLabel = (ym: string, locale?: Locale) =>
	m.stats_month_label({ year: ym.slice(0, 4), month: String(Number(ym.slice(5, 7))) }, locale ? { locale } : undefined);

/** The drill-down list behind one figure (optionally one group's). */
export function drillHref(q: {
	rate: string;
	part: string;
	from: string;
	to: string;
	groupBy?: string | null;
	group?: string;
}): string {
	const p = new URLSearchParams({ rate: q.rate, part: q.part, from: q.from, to: q.to });
	if (q.groupBy && q.group !== undefined) {
		p.set('groupBy', q.groupBy);
		p.set('group', q.group);
	}
	return `/stats/cases?${p}`;
}

/** Month names for a chart axis: '7月' within one year, '2023年7月' across years. */
export function monthAxisLabels(months: string[], locale?: Locale): string[] {
	const oneYear = months.every((ym) => ym.slice(0, 4) === months[0]?.slice(0, 4));
	const opts = locale ? { locale } : undefined;
	return months.map((ym) =>
		oneYear ? m.stats_month_short({ month: String(Number(ym.slice(5, 7))) }, opts) : monthLabel(ym, locale)
	);
}

/** What a volume is made of, shown after it: 上报 by source, 执法结案 by outcome ("巡查 3"); no parts for the others. */
export function volumeParts(
	volumes: { bySource: Record<string, number>; enforcementByOutcome: Record<string, number> },
	key: string
): string[] {
	const [counts, label] =
		key === 'reported'
			? [volumes.bySource, sourceLabel]
			: key === 'enforcement_closed'
				? [volumes.enforcementByOutcome, enfOutcomeLabel]
				: [{}, String];
	return Object.entries(counts).map(([k, n]) => `${label(k)} ${n}`);
}
