import { error } from '@sveltejs/kit';
import { isMonth, monthPeriod } from '$lib/domain/stats-period';
import { hasStatsCapability } from '$lib/domain/stats-permissions';
import { shanghaiDate, shanghaiDateTime } from '$lib/domain/working-days';
import { m } from '$lib/paraglide/messages';
import { requireActor } from '$lib/server/auth/guards';
import { getDb } from '$lib/server/db';
import { loadTrend, percent, renderCompareSvg, renderTrendSvg } from '$lib/server/services/stats/charts';
import { computeStats } from '$lib/server/services/stats/compute';
import { HEADLINE_RATES, monthAxisLabels, rateName } from '../(app)/stats/labels';
import type { PageServerLoad } from './$types';

const zh = { locale: 'zh' } as const;

/** 运行情况月报: one month on A4, in Chinese, with this year's trend to that month. Outside the app layout so it prints clean. */
export const load: PageServerLoad = async (event) => {
	const actor = requireActor(event);
	if (!hasStatsCapability(actor, 'view_stats')) error(403, m.err_forbidden());
	const now = Date.now();
	const param = event.url.searchParams.get('month');
	if (param !== null && !isMonth(param)) error(400, m.stats_report_err_month({}, zh));
	const month = param ?? shanghaiDate(now).slice(0, 7);
	const period = monthPeriod(month);
	const db = getDb();
	const yearToDate = { from: `${month.slice(0, 4)}-01-01`, to: period.to };
	const [result, trend] = await Promise.all([computeStats(db, period.from, period.to, null, now), loadTrend(db, yearToDate, HEADLINE_RATES, now)]);
	const categories = monthAxisLabels(trend.months, 'zh');
	return {
		month,
		period,
		total: result.total,
		generatedAt: shanghaiDateTime(now),
		trend: {
			months: trend.months,
			series: trend.series,
			lineSvg: renderTrendSvg({ categories, series: trend.series.map((s) => ({ name: rateName(s.rate, 'zh'), values: s.current.map(percent) })), width: 680, height: 280 }),
			compareSvg: renderCompareSvg({
				categories: trend.series.map((s) => rateName(s.rate, 'zh')),
				series: [
					{ name: `${month.slice(0, 4)}年1—${Number(month.slice(5))}月`, values: trend.series.map((s) => percent(s.currentTotal)) },
					{ name: m.stats_last_year({}, zh), values: trend.series.map((s) => percent(s.previousTotal)) }
				],
				width: 680,
				height: 260
			})
		}
	};
};
