import { GROUP_BYS, type GroupBy } from '$lib/domain/rates';
import { monthsOf, parsePeriod } from '$lib/domain/stats-period';
import { shanghaiDate } from '$lib/domain/working-days';
import { m } from '$lib/paraglide/messages';
import { getDb } from '$lib/server/db';
import { loadTrend, percent, renderCompareSvg, renderTrendSvg } from '$lib/server/services/stats/charts';
import { computeStats } from '$lib/server/services/stats/compute';
import { statsQuickPeriods } from '$lib/server/services/stats/periods';
import { workSummaries } from '$lib/server/services/stats/summary';
import { groupLabels } from './group-labels';
import { HEADLINE_RATES, monthAxisLabels, rateName } from './labels';
import type { PageServerLoad } from './$types';
import { can } from '$lib/domain/access';
import { requireCan } from '$lib/server/auth/gate';

/** Ids in number order, months and codes as text, the unassigned ('') last. */
const byKey = (a: { key: string }, b: { key: string }) =>
	a.key === '' || b.key === ''
		? Number(a.key === '') - Number(b.key === '')
		: /^\d+$/.test(a.key) && /^\d+$/.test(b.key)
			? Number(a.key) - Number(b.key)
			: a.key.localeCompare(b.key);

const isGroupBy = (s: string): s is GroupBy => (GROUP_BYS as readonly string[]).includes(s);

/** The rates and volumes of a period; a plain GET form, so a figure is a URL that can be shared. */
export const load: PageServerLoad = async (event) => {
	const actor = requireCan(event, 'stats.view');
	const now = Date.now();
	const today = shanghaiDate(now);
	const sp = event.url.searchParams;
	const groupParam = sp.get('groupBy') ?? '';
	const groupBy = isGroupBy(groupParam) ? groupParam : null;
	const period = parsePeriod(sp.get('from'), sp.get('to'), today);
	const db = getDb();
	const quick = await statsQuickPeriods(db, today);
	const formError = 'error' in period ? period.error : groupParam && !groupBy ? 'group' : null;
	const form = {
		from: 'error' in period ? (sp.get('from') ?? '') : period.from,
		to: 'error' in period ? (sp.get('to') ?? '') : period.to,
		groupBy
	};
	if ('error' in period || formError) return { form, formError, quick, canExport: false, result: null };

	const result = await computeStats(db, period.from, period.to, groupBy, now);
	const labels = groupBy
		? await groupLabels(
				db,
				groupBy,
				result.groups.map((g) => g.key)
			)
		: {};
	const months = monthsOf(period);
	let trend = null;
	if (months.length > 1) {
		const t = await loadTrend(db, period, HEADLINE_RATES, now);
		const categories = monthAxisLabels(t.months);
		trend = {
			months: t.months,
			series: t.series,
			lineSvg: renderTrendSvg({
				categories,
				series: t.series.map((s) => ({ name: rateName(s.rate), values: s.current.map(percent) }))
			}),
			compareSvg: renderCompareSvg({
				categories: t.series.map((s) => rateName(s.rate)),
				series: [
					{ name: m.stats_this_period(), values: t.series.map((s) => percent(s.currentTotal)) },
					{ name: m.stats_last_year(), values: t.series.map((s) => percent(s.previousTotal)) }
				]
			})
		};
	}
	return {
		form,
		formError,
		quick,
		canExport: can(actor, 'stats.export'),
		result: {
			period,
			groupBy,
			total: result.total,
			groups: result.groups.sort(byKey).map((g) => ({
				key: g.key,
				label: labels[g.key] ?? g.key,
				rates: Object.fromEntries(HEADLINE_RATES.map((r) => [r, g.rates[r]]))
			})),
			trend,
			summaries: workSummaries(result),
			reportMonth: period.from.slice(0, 7)
		}
	};
};
