import { describe, expect, it } from 'vitest';
import { NO_DATA_COLOR, RATE_COLORS, shade, VOLUME_COLORS } from './map-shading';

describe('shade', () => {
	it('splits the range shown into five equal classes, the lowest rate red and the highest green', () => {
		const s = shade({ a: { value: 0.9 }, b: { value: 0.95 }, c: { value: 1 }, d: { value: null } }, true);
		expect(s.colors).toEqual({ a: RATE_COLORS[0], b: RATE_COLORS[2], c: RATE_COLORS[4], d: NO_DATA_COLOR });
		expect(s.legend).toHaveLength(5);
		expect(s.legend[0].from).toBe(0.9);
		expect(s.legend[4].to).toBe(1);
		expect(s.legend[1].from).toBeCloseTo(0.92, 9);
	});
	it('darkens with volume, and puts equal values in one class', () => {
		expect(shade({ a: { value: 3 }, b: { value: 30 } }, false).colors).toEqual({
			a: VOLUME_COLORS[0],
			b: VOLUME_COLORS[4]
		});
		expect(shade({ a: { value: 5 }, b: { value: 5 } }, false)).toEqual({
			colors: { a: VOLUME_COLORS[4], b: VOLUME_COLORS[4] },
			legend: [{ from: 5, to: 5, color: VOLUME_COLORS[4] }]
		});
		expect(shade({ a: { value: 0 }, b: { value: 0 } }, false).colors).toEqual({
			a: VOLUME_COLORS[0],
			b: VOLUME_COLORS[0]
		});
	});
	it('greys everything when nothing can be judged', () => {
		expect(shade({ a: { value: null } }, true)).toEqual({ colors: { a: NO_DATA_COLOR }, legend: [] });
	});
});
