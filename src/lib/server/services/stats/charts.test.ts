import { describe, expect, it } from 'vitest';
import { percent, renderCompareSvg, renderTrendSvg } from './charts';

describe('trend charts', () => {
	it('draws a static SVG with black text and a gap for an undecided month', () => {
		const svg = renderTrendSvg({
			categories: ['1月', '2月', '3月'],
			series: [{ name: '网格案件按时办结率', values: [99.83, null, 97.5] }]
		});
		expect(svg.startsWith('<svg')).toBe(true);
		expect(svg).toContain('网格案件按时办结率');
		expect(svg).toContain('fill="#000"');
		expect(svg).not.toMatch(/<script|animation:/i);
	});

	it('writes the compared values on the bars, two decimals', () => {
		const svg = renderCompareSvg({
			categories: ['高效处置率'],
			series: [
				{ name: '本期', values: [70.15] },
				{ name: '上年同期', values: [null] }
			]
		});
		expect(svg).toContain('70.15%');
	});

	it('rounds a rate as formatRate does, and leaves nothing decided as null', () => {
		expect(percent({ numerator: 599, denominator: 600, excluded: 0, undecided: 0 })).toBe(99.83);
		expect(percent({ numerator: 0, denominator: 0, excluded: 1, undecided: 2 })).toBeNull();
	});
});
