// Base maps are configuration (a street's tile server changes; the map must work with none): none (boundaries on a plain background),
// 天地图 (WGS-84/CGCS2000, needs a key), 高德 (GCJ-02: every point shifted for display and every
// click shifted back) or any XYZ template with its datum and attribution. Pure.

export const BASE_MAP_KINDS = ['none', 'tianditu', 'amap', 'xyz'] as const;
export type BaseMapKind = (typeof BASE_MAP_KINDS)[number];
export type Datum = 'wgs84' | 'gcj02';

export interface BaseMapConfig {
	kind: BaseMapKind;
	/** 天地图 browser key. */
	key: string;
	/** XYZ template, e.g. https://tile.example.org/{z}/{x}/{y}.png ({s} for subdomains). */
	url: string;
	subdomains: string;
	attribution: string;
	datum: Datum;
}

export const DEFAULT_BASE_MAP: BaseMapConfig = {
	kind: 'none',
	key: '',
	url: '',
	subdomains: '',
	attribution: '',
	datum: 'wgs84'
};

export interface TileLayerSpec {
	url: string;
	subdomains: string;
	attribution: string;
	maxZoom: number;
}

/** What the browser draws: tile layers (bottom first) and the datum their points are in. */
export interface BaseMapView {
	kind: BaseMapKind;
	layers: TileLayerSpec[];
	datum: Datum;
}

const TIANDITU = (layer: 'vec' | 'cva', key: string) =>
	`https://t{s}.tianditu.gov.cn/${layer}_w/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0&LAYER=${layer}&STYLE=default&TILEMATRIXSET=w&FORMAT=tiles&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}&tk=${encodeURIComponent(key)}`;
const TIANDITU_ATTRIBUTION = '© 天地图 · 国家地理信息公共服务平台';

export function baseMapView(c: BaseMapConfig): BaseMapView {
	switch (c.kind) {
		case 'tianditu':
			return {
				kind: c.kind,
				datum: 'wgs84',
				layers: [
					{ url: TIANDITU('vec', c.key), subdomains: '01234567', attribution: TIANDITU_ATTRIBUTION, maxZoom: 18 },
					{ url: TIANDITU('cva', c.key), subdomains: '01234567', attribution: '', maxZoom: 18 }
				]
			};
		case 'amap':
			return {
				kind: c.kind,
				datum: 'gcj02',
				layers: [
					{
						url: 'https://webrd0{s}.is.autonavi.com/appmaptile?lang=zh_cn&size=1&scale=1&style=8&x={x}&y={y}&z={z}',
						subdomains: '1234',
						attribution: '© 高德地图 AutoNavi',
						maxZoom: 18
					}
				]
			};
		case 'xyz':
			return {
				kind: c.kind,
				datum: c.datum,
				layers: [{ url: c.url, subdomains: c.subdomains, attribution: c.attribution, maxZoom: 19 }]
			};
		default:
			return { kind: 'none', datum: 'wgs84', layers: [] };
	}
}

export type BaseMapField = 'kind' | 'key' | 'url' | 'subdomains' | 'attribution' | 'datum';
export type BaseMapCheck =
	{ ok: true; value: BaseMapConfig } | { ok: false; errors: Partial<Record<BaseMapField, string>> };

/** Checks what the admin typed; fields the chosen kind does not use are cleared. */
export function checkBaseMap(f: Record<BaseMapField, string>): BaseMapCheck {
	const errors: Partial<Record<BaseMapField, string>> = {};
	const kind = f.kind as BaseMapKind;
	if (!(BASE_MAP_KINDS as readonly string[]).includes(kind)) return { ok: false, errors: { kind: 'invalid' } };
	const value: BaseMapConfig = { ...DEFAULT_BASE_MAP, kind };
	if (kind === 'tianditu') {
		const key = f.key.trim();
		if (!key) errors.key = 'required';
		else if (!/^[0-9a-f]{32}$/i.test(key)) errors.key = 'tianditu_key_format';
		value.key = key;
	}
	if (kind === 'xyz') {
		const url = f.url.trim();
		if (!url) errors.url = 'required';
		else if (!/^https?:\/\/[^\s"'<>]+$/.test(url) || !['{z}', '{x}', '{y}'].every((p) => url.includes(p)))
			errors.url = 'xyz_template';
		else if (url.includes('{s}') && !/^[a-z0-9]{1,8}$/i.test(f.subdomains.trim())) errors.subdomains = 'xyz_subdomains';
		const attribution = f.attribution.trim();
		// Tiles are someone's work, and their terms ask for the credit to be shown.
		if (!attribution) errors.attribution = 'required';
		else if (attribution.length > 200) errors.attribution = 'too_long';
		if (f.datum !== 'wgs84' && f.datum !== 'gcj02') errors.datum = 'invalid';
		Object.assign(value, { url, subdomains: f.subdomains.trim(), attribution, datum: f.datum });
	}
	return Object.keys(errors).length ? { ok: false, errors } : { ok: true, value };
}

/** A stored setting back to a config; anything unreadable is the plain background. */
export function parseBaseMap(json: string | undefined): BaseMapConfig {
	if (!json) return DEFAULT_BASE_MAP;
	try {
		const raw = JSON.parse(json) as Record<BaseMapField, string>;
		const r = checkBaseMap({
			kind: raw.kind ?? '',
			key: raw.key ?? '',
			url: raw.url ?? '',
			subdomains: raw.subdomains ?? '',
			attribution: raw.attribution ?? '',
			datum: raw.datum ?? 'wgs84'
		});
		return r.ok ? r.value : DEFAULT_BASE_MAP;
	} catch {
		return DEFAULT_BASE_MAP;
	}
}

/**
 * Where the browser may load map images from (the page's Content-Security-Policy `img-src`): the
 * scheme and host of each tile template, a host label holding a placeholder such as `{s}` or
 * `webrd0{s}` becoming `*`. A template whose host cannot be read allows nothing.
 */
export function tileImageSources(view: BaseMapView): string[] {
	const sources = new Set<string>();
	for (const { url } of view.layers) {
		const m = /^(https?):\/\/([^/?#]+)/i.exec(url);
		if (!m) continue;
		const labels = m[2].toLowerCase().split('.');
		const host = labels.map((l, i) => (i === 0 && l.includes('{') ? '*' : l)).join('.');
		if (!/^(\*\.)?[a-z0-9.-]+(:\d+)?$/.test(host)) continue;
		sources.add(`${m[1].toLowerCase()}://${host}`);
	}
	return [...sources];
}
