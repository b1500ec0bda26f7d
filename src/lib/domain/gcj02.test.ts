import { describe, expect, it } from 'vitest';
import { distanceMeters, type LngLat } from './geo';
import { gcj02ToWgs84, outOfChina, wgs84ToGcj02 } from './gcj02';

// The demo subdistrict's centre (gumei-geo.json) and the corners of a box around Shanghai.
const GUMEI: LngLat = [121.38825, 31.14854];
const POINTS: LngLat[] = [GUMEI, [121.0, 30.7], [122.0, 31.9], [116.397, 39.909], [113.264, 23.129], [87.6, 43.8]];

describe('WGS-84 → GCJ-02', () => {
	it('moves a point in Shanghai by about 490 m', () => {
		const shift = distanceMeters(GUMEI, wgs84ToGcj02(GUMEI));
		expect(shift).toBeGreaterThan(400);
		expect(shift).toBeLessThan(600);
	});
	it('moves east and north here (GCJ-02 tiles sit south-west of WGS-84 ones)', () => {
		const [lng, lat] = wgs84ToGcj02(GUMEI);
		expect(lng).toBeGreaterThan(GUMEI[0]);
		expect(lat).toBeLessThan(GUMEI[1]);
	});
	it('leaves points outside China alone', () => {
		expect(outOfChina([139.69, 35.69])).toBe(true);
		expect(wgs84ToGcj02([139.69, 35.69])).toEqual([139.69, 35.69]);
		expect(gcj02ToWgs84([-0.12, 51.5])).toEqual([-0.12, 51.5]);
	});
});

describe('the round trip', () => {
	it('comes back within 1 m everywhere (within 1 mm in fact)', () => {
		for (const p of POINTS) {
			const back = gcj02ToWgs84(wgs84ToGcj02(p));
			expect(distanceMeters(p, back)).toBeLessThan(0.001);
		}
	});
	it('a click on GCJ-02 tiles maps back to the stored point, not to the click itself', () => {
		const click = wgs84ToGcj02(GUMEI);
		expect(distanceMeters(gcj02ToWgs84(click), GUMEI)).toBeLessThan(1);
		expect(distanceMeters(click, GUMEI)).toBeGreaterThan(400);
	});
});
