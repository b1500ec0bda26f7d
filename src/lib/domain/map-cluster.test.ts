import { describe, expect, it } from 'vitest';
import { clusterPoints, deadlineState, NO_CLUSTER_ZOOM, worldPixel, type MapPoint } from './map-cluster';

const NOW = Date.parse('2026-11-27T10:00:00+08:00');

describe('deadlineState', () => {
	it('reads the step deadline and its warning instant; paused and finished work are neither late nor due', () => {
		const open = { open: true, paused: false, deadlineAt: NOW + 3_600_000, warnAt: NOW - 1 };
		expect(deadlineState(open, NOW)).toBe('due_soon');
		expect(deadlineState({ ...open, warnAt: NOW + 1 }, NOW)).toBe('on_track');
		expect(deadlineState({ ...open, deadlineAt: NOW - 1 }, NOW)).toBe('overdue');
		expect(deadlineState({ ...open, deadlineAt: NOW }, NOW)).toBe('due_soon');
		expect(deadlineState({ ...open, deadlineAt: null, warnAt: null }, NOW)).toBe('on_track');
		expect(deadlineState({ ...open, deadlineAt: NOW - 1, paused: true }, NOW)).toBe('paused');
		expect(deadlineState({ ...open, deadlineAt: NOW - 1, open: false }, NOW)).toBe('done');
	});
});

describe('worldPixel', () => {
	it('puts (0, 0) in the middle of the world and doubles with each zoom', () => {
		expect(worldPixel(0, 0, 0)).toEqual([128, 128]);
		const [x1, y1] = worldPixel(121.388, 31.148, 15);
		const [x2, y2] = worldPixel(121.388, 31.148, 16);
		expect(x2 / x1).toBeCloseTo(2, 9);
		expect(y2 / y1).toBeCloseTo(2, 9);
	});
});

const point = (id: number, lng: number, lat: number, state: MapPoint['state'] = 'on_track'): MapPoint => ({
	kind: 'case',
	id,
	code: `W${id}`,
	lng,
	lat,
	state
});

describe('clusterPoints', () => {
	// 1,000 cases spread over about 600 m around one 居民区, and one far away.
	const dense = Array.from({ length: 1000 }, (_, i) =>
		point(
			i,
			121.385 + (i % 40) * 0.00015,
			31.145 + Math.floor(i / 40) * 0.0002,
			i === 7 ? 'overdue' : i % 3 ? 'on_track' : 'due_soon'
		)
	);
	const far = point(5000, 121.6, 31.3, 'done');

	it('draws a thousand nearby cases as a handful of clusters at district zoom, keeping every case counted once', () => {
		const { clusters, singles } = clusterPoints([...dense, far], 13);
		expect(clusters.length).toBeLessThan(5);
		expect(singles).toEqual([far]);
		expect(clusters.reduce((n, c) => n + c.count, 0)).toBe(1000);
	});

	it('colours a cluster by its most urgent case and counts each state', () => {
		const { clusters } = clusterPoints(dense, 10);
		expect(clusters).toHaveLength(1);
		expect(clusters[0]).toMatchObject({
			count: 1000,
			worst: 'overdue',
			states: { overdue: 1, due_soon: 334, on_track: 665 }
		});
		const [w, s, e, n] = clusters[0].bounds;
		expect([w, s]).toEqual([121.385, 31.145]);
		expect(e).toBeCloseTo(121.385 + 39 * 0.00015, 9);
		expect(n).toBeCloseTo(31.145 + 24 * 0.0002, 9);
	});

	it('splits into more, smaller clusters as the map zooms in, and into single markers at street level', () => {
		const counts = [12, 14, 16].map((z) => clusterPoints(dense, z).clusters.length);
		expect(counts[0]).toBeLessThan(counts[1]);
		expect(counts[1]).toBeLessThan(counts[2]);
		expect(clusterPoints(dense, NO_CLUSTER_ZOOM)).toEqual({ clusters: [], singles: dense });
	});

	it('gives the same clusters whatever the order of the cases', () => {
		const a = clusterPoints(dense, 15)
			.clusters.map((c) => c.count)
			.sort();
		const b = clusterPoints([...dense].reverse(), 15)
			.clusters.map((c) => c.count)
			.sort();
		expect(b).toEqual(a);
	});
});
