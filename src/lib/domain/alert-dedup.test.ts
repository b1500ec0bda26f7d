import { describe, expect, it } from 'vitest';
import { boundingBox, pickDedupTarget, type DedupCandidate, type DedupSighting } from './alert-dedup';
import { distanceMeters } from './geo';

const T = Date.parse('2026-11-27T07:30:00Z');
const MIN = 60_000;
const LNG = 121.3912;
const LAT = 31.1523;
/** About `m` metres north of the alert point. */
const north = (m: number) => LAT + m / 111_195;
const alert: DedupSighting = { categoryCode: 'SH-JMZX-01', lng: LNG, lat: LAT, at: T };
const cand = (over: Partial<DedupCandidate> & Pick<DedupCandidate, 'id'>): DedupCandidate => ({
	kind: 'alert',
	categoryCode: 'SH-JMZX-01',
	lng: LNG,
	lat: north(10),
	at: T - 10 * MIN,
	...over
});

describe('pickDedupTarget', () => {
	it('nothing to attach to → null', () => {
		expect(pickDedupTarget(alert, [])).toBeNull();
	});

	it('same category, 10 m, 10 min → that one, with its distance', () => {
		const r = pickDedupTarget(alert, [cand({ id: 1, kind: 'case', code: 'W202611270001' })]);
		expect(r).toMatchObject({ kind: 'case', id: 1, code: 'W202611270001' });
		expect(r!.distanceMeters).toBeCloseTo(10, 0);
	});

	it.each([
		['another category', { categoryCode: 'SH-JMZX-02' }],
		['51 m away', { lat: north(51) }],
		['24 h + 1 min before', { at: T - 1441 * MIN }],
		['24 h + 1 min after', { at: T + 1441 * MIN }],
		['a bad point', { lng: NaN }]
	] as [string, Partial<DedupCandidate>][])('%s → not attached', (_label, over) => {
		expect(pickDedupTarget(alert, [cand({ id: 1, ...over })])).toBeNull();
	});

	it('the limits are inclusive: exactly 24 h before or after, at 49.9 m', () => {
		expect(pickDedupTarget(alert, [cand({ id: 1, at: T - 1440 * MIN })])?.id).toBe(1);
		expect(pickDedupTarget(alert, [cand({ id: 2, at: T + 1440 * MIN })])?.id).toBe(2);
		expect(pickDedupTarget(alert, [cand({ id: 3, lat: north(49.9) })])?.id).toBe(3);
	});

	it('meters and minutes are options', () => {
		const far = cand({ id: 1, lat: north(120), at: T - 100 * MIN });
		expect(pickDedupTarget(alert, [far])).toBeNull();
		expect(pickDedupTarget(alert, [far], { meters: 150 })?.id).toBe(1);
		expect(pickDedupTarget(alert, [far], { meters: 150, minutes: 60 })).toBeNull();
	});

	it('the nearest wins, whatever the order and the kind', () => {
		const list = [
			cand({ id: 1, kind: 'enforcement', lat: north(40) }),
			cand({ id: 2, kind: 'alert', lat: north(5) }),
			cand({ id: 3, kind: 'case', lat: north(20) })
		];
		expect(pickDedupTarget(alert, list)?.id).toBe(2);
		expect(pickDedupTarget(alert, [...list].reverse())?.id).toBe(2);
	});

	it('at equal distance: enforcement before case before alert, then nearer in time, then the older id', () => {
		const same = { lat: north(10) };
		expect(
			pickDedupTarget(alert, [
				cand({ id: 1, kind: 'alert', ...same }),
				cand({ id: 2, kind: 'case', ...same }),
				cand({ id: 3, kind: 'enforcement', ...same })
			])?.id
		).toBe(3);
		expect(
			pickDedupTarget(alert, [cand({ id: 4, ...same, at: T - 60 * MIN }), cand({ id: 5, ...same, at: T + 5 * MIN })])
				?.id
		).toBe(5);
		expect(pickDedupTarget(alert, [cand({ id: 7, ...same }), cand({ id: 6, ...same })])?.id).toBe(6);
	});
});

describe('boundingBox', () => {
	it('covers the radius in every direction (so the database prefilter loses nothing)', () => {
		const b = boundingBox(LNG, LAT, 50);
		expect(distanceMeters([LNG, LAT], [LNG, b.maxLat])).toBeGreaterThan(50);
		expect(distanceMeters([LNG, LAT], [LNG, b.minLat])).toBeGreaterThan(50);
		expect(distanceMeters([LNG, LAT], [b.maxLng, LAT])).toBeGreaterThan(50);
		expect(distanceMeters([LNG, LAT], [b.minLng, LAT])).toBeGreaterThan(50);
		expect(distanceMeters([LNG, LAT], [b.maxLng, LAT])).toBeLessThan(60);
	});
});
