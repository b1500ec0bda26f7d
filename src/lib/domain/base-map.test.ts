import { describe, expect, it } from 'vitest';
import { baseMapView, checkBaseMap, DEFAULT_BASE_MAP, parseBaseMap, tileImageSources } from './base-map';

const form = (over: Partial<Record<string, string>>) => ({
	kind: 'none',
	key: '',
	url: '',
	subdomains: '',
	attribution: '',
	datum: 'wgs84',
	...over
});

describe('checkBaseMap', () => {
	it('needs a 32-character key for 天地图 and clears what the kind does not use', () => {
		expect(checkBaseMap(form({ kind: 'tianditu' }))).toEqual({ ok: false, errors: { key: 'required' } });
		expect(checkBaseMap(form({ kind: 'tianditu', key: 'abc' }))).toEqual({
			ok: false,
			errors: { key: 'tianditu_key_format' }
		});
		expect(checkBaseMap(form({ kind: 'tianditu', key: 'a'.repeat(32), url: 'https://x/{z}/{x}/{y}' }))).toEqual({
			ok: true,
			value: { ...DEFAULT_BASE_MAP, kind: 'tianditu', key: 'a'.repeat(32) }
		});
	});
	it('needs an http(s) template with {z} {x} {y}, subdomains for {s}, an attribution and a datum for XYZ', () => {
		expect(checkBaseMap(form({ kind: 'xyz', url: 'ftp://tiles/{z}/{x}/{y}.png', attribution: 'x' }))).toEqual({
			ok: false,
			errors: { url: 'xyz_template' }
		});
		expect(checkBaseMap(form({ kind: 'xyz', url: 'https://tiles/{z}/{x}.png', attribution: 'x' }))).toEqual({
			ok: false,
			errors: { url: 'xyz_template' }
		});
		expect(checkBaseMap(form({ kind: 'xyz', url: 'https://{s}.tiles/{z}/{x}/{y}.png', attribution: '' }))).toEqual({
			ok: false,
			errors: { subdomains: 'xyz_subdomains', attribution: 'required' }
		});
		expect(
			checkBaseMap(
				form({
					kind: 'xyz',
					url: 'https://{s}.tiles/{z}/{x}/{y}.png',
					subdomains: 'abc',
					attribution: '© OSM',
					datum: 'gcj02'
				})
			)
		).toMatchObject({ ok: true, value: { datum: 'gcj02', subdomains: 'abc' } });
		expect(checkBaseMap(form({ kind: 'google' }))).toEqual({ ok: false, errors: { kind: 'invalid' } });
	});
});

describe('baseMapView', () => {
	it('draws no tiles for the plain background, 天地图 in WGS-84 with its label layer, 高德 in GCJ-02', () => {
		expect(baseMapView(DEFAULT_BASE_MAP)).toEqual({ kind: 'none', datum: 'wgs84', layers: [] });
		const t = baseMapView({ ...DEFAULT_BASE_MAP, kind: 'tianditu', key: 'k'.repeat(32) });
		expect(t.datum).toBe('wgs84');
		expect(t.layers.map((l) => l.url.match(/LAYER=(\w+)/)![1])).toEqual(['vec', 'cva']);
		expect(t.layers[0].url).toContain(`tk=${'k'.repeat(32)}`);
		expect(t.layers[0].attribution).toContain('天地图');
		const a = baseMapView({ ...DEFAULT_BASE_MAP, kind: 'amap' });
		expect(a.datum).toBe('gcj02');
		expect(a.layers[0].attribution).toContain('高德');
	});
});

describe('parseBaseMap', () => {
	it('reads a stored setting and falls back to the plain background on anything else', () => {
		expect(parseBaseMap(JSON.stringify({ kind: 'amap' }))).toMatchObject({ kind: 'amap' });
		expect(parseBaseMap(undefined)).toEqual(DEFAULT_BASE_MAP);
		expect(parseBaseMap('{bad json')).toEqual(DEFAULT_BASE_MAP);
		expect(parseBaseMap(JSON.stringify({ kind: 'tianditu', key: 'short' }))).toEqual(DEFAULT_BASE_MAP);
	});
});

describe('tileImageSources', () => {
	it('names the tile hosts, a placeholder label as a wildcard, and nothing for no tiles or an unreadable host', () => {
		expect(tileImageSources(baseMapView(DEFAULT_BASE_MAP))).toEqual([]);
		expect(tileImageSources(baseMapView({ ...DEFAULT_BASE_MAP, kind: 'tianditu', key: 'k'.repeat(32) }))).toEqual([
			'https://*.tianditu.gov.cn'
		]);
		expect(tileImageSources(baseMapView({ ...DEFAULT_BASE_MAP, kind: 'amap' }))).toEqual(['https://*.is.autonavi.com']);
		const xyz = (url: string) =>
			tileImageSources({
				kind: 'xyz',
				datum: 'wgs84',
				layers: [{ url, subdomains: '', attribution: 'x', maxZoom: 19 }]
			});
		expect(xyz('http://127.0.0.1:8080/{z}/{x}/{y}.png')).toEqual(['http://127.0.0.1:8080']);
		expect(xyz('https://Tiles.Example.org/{z}/{x}/{y}.png')).toEqual(['https://tiles.example.org']);
		expect(xyz('https://a.b{s}.org/{z}/{x}/{y}.png')).toEqual([]);
		expect(xyz("https://x.org;script-src 'unsafe-inline'/{z}/{x}/{y}")).toEqual([]);
	});
});
