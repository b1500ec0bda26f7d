// The trend charts: monthly headline rates of a period and the same months a year earlier, drawn on
// the server by Apache ECharts as SVG. Built from numbers and our own labels only; no animation and
// black text, so the page prints as it looks. Lines also differ by dash and marker, for grey print.
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { rateBasisPoints, type RateCount } from '$lib/domain/rates';
import { monthsOf, shiftYears, type Period } from '$lib/domain/stats-period';
import type { Db } from '../../db/create-database';
import { computeStats } from './compute';
import type { RateKey } from './judge';

echarts.use([LineChart, BarChart, GridComponent, LegendComponent, SVGRenderer]);

export interface Trend {
	months: string[];
	/** Per rate: one count per month, this period and the same month a year earlier. */
	series: {
		rate: RateKey;
		current: RateCount[];
		previous: RateCount[];
		currentTotal: RateCount;
		previousTotal: RateCount;
	}[];
}

const zero = (): RateCount => ({ numerator: 0, denominator: 0, excluded: 0, undecided: 0 });

/** The period month by month (grouped exactly as the stats page groups by month), and a year earlier. */
export async function loadTrend(db: Db, period: Period, rates: readonly RateKey[], now: number): Promise<Trend> {
	const months = monthsOf(period);
	const [current, previous] = await Promise.all([
		computeStats(db, period.from, period.to, 'month', now),
		computeStats(db, shiftYears(period.from, -1), shiftYears(period.to, -1), 'month', now)
	]);
	const byMonth = (groups: typeof current.groups, rate: RateKey, ym: string) =>
		groups.find((g) => g.key === ym)?.rates[rate] ?? zero();
	return {
		months,
		series: rates.map((rate) => ({
			rate,
			current: months.map((ym) => byMonth(current.groups, rate, ym)),
			previous: months.map((ym) => byMonth(previous.groups, rate, shiftYears(`${ym}-01`, -1).slice(0, 7))),
			currentTotal: current.total.rates[rate],
			previousTotal: previous.total.rates[rate]
		}))
	};
}

/** A rate as a chart value: percent with two decimals, rounded as formatRate rounds; null when undecided. */
export const percent = (c: RateCount): number | null => {
	const bp = rateBasisPoints(c);
	return bp === null ? null : bp / 100;
};

const INK = '#000';
const FONT = "'Noto Sans CJK SC', 'PingFang SC', 'Microsoft YaHei', sans-serif";
const COLORS = ['#1d4ed8', '#b91c1c', '#15803d', '#4b5563'];
const DASHES = ['solid', 'dashed', 'dotted', [8, 3, 2, 3]] as const;
const MARKERS = ['circle', 'rect', 'triangle', 'diamond'];

interface ChartInput {
	categories: string[];
	series: { name: string; values: (number | null)[] }[];
	width?: number;
	height?: number;
}

const axisCommon = {
	axisLine: { lineStyle: { color: INK } },
	axisTick: { lineStyle: { color: INK } },
	axisLabel: { color: INK }
};

function render(option: echarts.EChartsCoreOption, width: number, height: number): string {
	const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
	try {
		chart.setOption({ animation: false, textStyle: { color: INK, fontFamily: FONT, fontSize: 12 }, ...option });
		return chart.renderToSVGString();
	} finally {
		chart.dispose();
	}
}

/** A lower bound for the value axis that keeps differences near 100 % visible. */
function axisMin(values: (number | null)[]): number {
	const known = values.filter((v): v is number => v !== null);
	return known.length ? Math.max(0, Math.floor((Math.min(...known) - 5) / 10) * 10) : 0;
}

/** Lines of rates (percent) by month. */
export function renderTrendSvg({ categories, series, width = 760, height = 320 }: ChartInput): string {
	return render(
		{
			legend: { top: 0, textStyle: { color: INK }, itemWidth: 30 },
			grid: { left: 50, right: 20, top: 50, bottom: 30 },
			xAxis: {
				type: 'category',
				data: categories,
				boundaryGap: categories.length < 2,
				...axisCommon,
				axisLabel: { color: INK, interval: 0, fontSize: categories.length > 12 ? 10 : 12 }
			},
			yAxis: {
				type: 'value',
				min: axisMin(series.flatMap((s) => s.values)),
				max: 100,
				...axisCommon,
				axisLabel: { color: INK, formatter: '{value}%' },
				splitLine: { lineStyle: { color: '#ccc' } }
			},
			series: series.map((s, i) => ({
				type: 'line',
				name: s.name,
				data: s.values,
				connectNulls: false,
				symbol: MARKERS[i % MARKERS.length],
				symbolSize: 7,
				color: COLORS[i % COLORS.length],
				lineStyle: { width: 2, type: DASHES[i % DASHES.length] }
			}))
		},
		width,
		height
	);
}

/** Bars per rate: this period beside the same months a year earlier, with the values written on. */
export function renderCompareSvg({ categories, series, width = 760, height = 300 }: ChartInput): string {
	const fills = ['#1f2937', '#d1d5db'];
	return render(
		{
			legend: { top: 0, textStyle: { color: INK } },
			grid: { left: 50, right: 20, top: 50, bottom: 30 },
			xAxis: { type: 'category', data: categories, ...axisCommon },
			yAxis: {
				type: 'value',
				min: 0,
				max: 100,
				...axisCommon,
				axisLabel: { color: INK, formatter: '{value}%' },
				splitLine: { lineStyle: { color: '#ccc' } }
			},
			series: series.map((s, i) => ({
				type: 'bar',
				name: s.name,
				data: s.values,
				barMaxWidth: 40,
				itemStyle: { color: fills[i % fills.length], borderColor: INK, borderWidth: 1 },
				label: {
					show: true,
					position: 'top',
					color: INK,
					formatter: (p: { value: unknown }) => (typeof p.value === 'number' ? `${p.value.toFixed(2)}%` : '')
				}
			}))
		},
		width,
		height
	);
}
