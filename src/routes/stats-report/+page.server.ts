import { error } from '@sveltejs/kit';
import { isMonth, monthPeriod } from '$lib/domain/stats-period';
import { shanghaiDate, shanghaiDateTime } from '$lib/domain/working-days';
import { m } from '$lib/paraglide/messages';
import { getDb } from '$lib/server/db';
import { loadTrend, percent, renderCompareSvg, renderTrendSvg } from '$lib/server/services/stats/charts';
import { computeStats } from '$lib/server/services/stats/compute';
import { buildWorkSummary } from '$lib/domain/work-summary';
import { getLocale } from '$lib/paraglide/runtime';
import { workSummaryInput } from '$lib/server/services/stats/summary';
import { summaryWords } from '$lib/work-summary-words';
import { HEADLINE_RATES, monthAxisLabels, rateName } from '../(app)/stats/labels';
import type { PageServerLoad } from './$types';
import { requireCan } from '$lib/server/auth/gate';

/**
 * 运行情况月报: one month on A4, in the reader's language, with this year's trend to that month and
 * the 工作总结 paragraph. Outside the app layout so it prints clean.
 */
export const load: PageServerLoad = async (event) => {
	requireCan(event, 'stats.view');
	const now = Date.now();
	const param = event.url.searchParams.get('month');
	if (param !== null && !isMonth(param)) error(400, m.stats_report_err_month());
	const month = param ?? shanghaiDate(now).slice(0, 7);
	const period = monthPeriod(month);
	const db = getDb();
	const yearToDate = { from: `${month.slice(0, 4)}-01-01`, to: period.to };
	const [result, trend] = await Promise.all([
		computeStats(db, period.from, period.to, null, now),
		loadTrend(db, yearToDate, HEADLINE_RATES, now)
	]);
	const categories = monthAxisLabels(trend.months);
	const locale: 'zh' | 'en' = getLocale() === 'en' ? 'en' : 'zh';
	return {
		month,
		period,
		total: result.total,
		locale,
		summary: buildWorkSummary(workSummaryInput(result), summaryWords(locale)),
		generatedAt: shanghaiDateTime(now),
		trend: {
			months: trend.months,
			series: trend.series,
			lineSvg: renderTrendSvg({
				categories,
				series: trend.series.map((s) => ({ name: rateName(s.rate), values: s.current.map(percent) })),
				width: 680,
				height: 280
			}),
			compareSvg: renderCompareSvg({
				categories: trend.series.map((s) => rateName(s.rate)),
				series: [
					{
						name: m.stats_report_ytd({ year: month.slice(0, 4), month: String(Number(month.slice(5))) }),
						values: trend.series.map((s) => percent(s.currentTotal))
					},
					{ name: m.stats_last_year(), values: trend.series.map((s) => percent(s.previousTotal)) }
				],
				width: 680,
				height: 260
			})
		}
	};
};
