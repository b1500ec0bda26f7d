import { describe, expect, it } from 'vitest';
import { summaryWords } from '$lib/work-summary-words';
import type { RateCount } from './rates';
import { buildWorkSummary, summaryRate, summaryScope, summaryText, type SummaryInput } from './work-summary';

const rate = (numerator: number, denominator: number): RateCount => ({
	numerator,
	denominator,
	excluded: 0,
	undecided: 0
});
const YEAR_2023: SummaryInput = {
	from: '2023-01-01',
	to: '2023-12-31',
	ordersReceived: 864,
	firstContact: rate(735, 755),
	hotlineOnTime: rate(850, 850),
	gridReported: 736,
	gridOnTime: rate(602, 603),
	gridEfficient: rate(423, 603),
	stockStructures: 109,
	enforcementOpened: 9
};

describe('summaryScope', () => {
	it.each([
		['2023-01-01', '2023-12-31', { kind: 'year', year: '2023' }],
		['2024-02-01', '2024-02-29', { kind: 'month', month: '2024-02' }],
		['2023-02-01', '2023-02-28', { kind: 'month', month: '2023-02' }],
		['2023-02-01', '2023-02-27', { kind: 'range', from: '2023-02-01', to: '2023-02-27' }],
		['2023-01-01', '2023-06-30', { kind: 'range', from: '2023-01-01', to: '2023-06-30' }],
		['2023-01-02', '2023-12-31', { kind: 'range', from: '2023-01-02', to: '2023-12-31' }]
	])('%s – %s', (from, to, scope) => expect(summaryScope(from, to)).toEqual(scope));
});

describe('summaryRate', () => {
	it.each([
		[735, 755, '97.35%'],
		[850, 850, '100%'],
		[602, 603, '99.83%'],
		[423, 603, '70.15%'],
		[1, 10, '10%'],
		[1, 8, '12.5%'],
		[0, 3, '0%'],
		[0, 0, '—']
	])('%i / %i → %s', (n, d, text) => expect(summaryRate({ numerator: n, denominator: d })).toBe(text));
});

describe('buildWorkSummary', () => {
	it.each<[string, SummaryInput, 'zh' | 'en', string]>([
		[
			'2023 in Chinese',
			YEAR_2023,
			'zh',
			'全年受理12345工单864件，先行联系率97.35%，按时办结率100%；网格流转案件736件，按时办结率99.83%，高效处置率70.15%；拆除存量违法建筑109处；非现场执法立案9件。'
		],
		[
			'a month in Chinese',
			{
				...YEAR_2023,
				from: '2023-07-01',
				to: '2023-07-31',
				ordersReceived: 70,
				firstContact: rate(60, 62),
				stockStructures: 0
			},
			'zh',
			'本月受理12345工单70件，先行联系率96.77%，按时办结率100%；网格流转案件736件，按时办结率99.83%，高效处置率70.15%；拆除存量违法建筑0处；非现场执法立案9件。'
		],
		[
			'any other period, nothing decided',
			{ ...YEAR_2023, from: '2023-03-05', to: '2023-03-20', hotlineOnTime: rate(0, 0) },
			'zh',
			'2023-03-05至2023-03-20受理12345工单864件，先行联系率97.35%，按时办结率—；网格流转案件736件，按时办结率99.83%，高效处置率70.15%；拆除存量违法建筑109处；非现场执法立案9件。'
		],
		[
			'2023 in English',
			YEAR_2023,
			'en',
			'In 2023, the street accepted 864 12345 hotline orders, with a first-contact rate of 97.35% and an on-time completion rate of 100%; 736 grid cases were reported, with an on-time completion rate of 99.83% and an efficient handling rate of 70.15%; 109 existing illegal structures were demolished; 9 off-site enforcement cases were opened.'
		],
		[
			'a month in English',
			{ ...YEAR_2023, from: '2026-11-01', to: '2026-11-30' },
			'en',
			'This month, the street accepted 864'
		]
	])('%s', (_, input, locale, text) => {
		const out = summaryText(buildWorkSummary(input, summaryWords(locale)));
		if (text.endsWith('.') || text.endsWith('。')) expect(out).toBe(text);
		else expect(out.startsWith(text)).toBe(true);
	});

	it('every figure is a piece with the size of the list it links to', () => {
		const figures = buildWorkSummary(YEAR_2023, summaryWords('zh')).filter((p) => 'figure' in p);
		expect(figures.map((p) => ('figure' in p ? [p.figure, p.text, p.count, p.link] : null))).toEqual([
			['orders_received', '864', 864, { volume: 'orders_received' }],
			['first_contact', '97.35%', 755, { rate: 'first_contact', part: 'denominator' }],
			['hotline_on_time', '100%', 850, { rate: 'hotline_on_time', part: 'denominator' }],
			['grid_reported', '736', 736, { volume: 'reported' }],
			['grid_on_time', '99.83%', 603, { rate: 'grid_on_time', part: 'denominator' }],
			['grid_efficient', '70.15%', 603, { rate: 'grid_efficient', part: 'denominator' }],
			['stock_structures', '109', 109, { volume: 'stock_structures_closed' }],
			['enforcement_opened', '9', 9, { volume: 'enforcement_opened' }]
		]);
	});

	it('a language may put the figures in its own order', () => {
		const words = {
			scope: () => 'X',
			sentence: (s: Record<string, string>) => `${s.enforcement_opened} then ${s.orders_received} (${s.scope})`
		};
		const pieces = buildWorkSummary(YEAR_2023, words);
		expect(summaryText(pieces)).toBe('9 then 864 (X)');
		expect(pieces.filter((p) => 'figure' in p).map((p) => ('figure' in p ? p.figure : ''))).toEqual([
			'enforcement_opened',
			'orders_received'
		]);
	});
});
