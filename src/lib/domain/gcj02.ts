// WGS-84 ↔ GCJ-02 (the "Mars" datum of 高德/腾讯 tiles, about 490 m off in Shanghai). GridCase stores WGS-84 only:
// points are shifted to GCJ-02 to be drawn on such tiles, and clicks on them shifted back.
// The forward formula is the published GCJ-02 approximation (Krasovsky ellipsoid); the way back has
// no closed form and is found by fixed-point iteration, to well under a millimetre. Pure.
import type { LngLat } from './geo';

const A = 6378245.0; // Krasovsky 1940 semi-major axis
const EE = 0.006693421622965943; // its first eccentricity squared

/** GCJ-02 applies inside mainland China only; elsewhere both are the same. */
export function outOfChina([lng, lat]: LngLat): boolean {
	return lng < 72.004 || lng > 137.8347 || lat < 0.8293 || lat > 55.8271;
}

function shiftLat(x: number, y: number): number {
	let r = -100 + 2 * x + 3 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * Math.sqrt(Math.abs(x));
	r += ((20 * Math.sin(6 * x * Math.PI) + 20 * Math.sin(2 * x * Math.PI)) * 2) / 3;
	r += ((20 * Math.sin(y * Math.PI) + 40 * Math.sin((y / 3) * Math.PI)) * 2) / 3;
	r += ((160 * Math.sin((y / 12) * Math.PI) + 320 * Math.sin((y * Math.PI) / 30)) * 2) / 3;
	return r;
}

function shiftLng(x: number, y: number): number {
	let r = 300 + x + 2 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * Math.sqrt(Math.abs(x));
	r += ((20 * Math.sin(6 * x * Math.PI) + 20 * Math.sin(2 * x * Math.PI)) * 2) / 3;
	r += ((20 * Math.sin(x * Math.PI) + 40 * Math.sin((x / 3) * Math.PI)) * 2) / 3;
	r += ((150 * Math.sin((x / 12) * Math.PI) + 300 * Math.sin((x / 30) * Math.PI)) * 2) / 3;
	return r;
}

export function wgs84ToGcj02(p: LngLat): LngLat {
	if (outOfChina(p)) return [p[0], p[1]];
	const [lng, lat] = p;
	const radLat = (lat / 180) * Math.PI;
	const s = Math.sin(radLat);
	const magic = 1 - EE * s * s;
	const sqrtMagic = Math.sqrt(magic);
	const dLat = (shiftLat(lng - 105, lat - 35) * 180) / (((A * (1 - EE)) / (magic * sqrtMagic)) * Math.PI);
	const dLng = (shiftLng(lng - 105, lat - 35) * 180) / ((A / sqrtMagic) * Math.cos(radLat) * Math.PI);
	return [lng + dLng, lat + dLat];
}

/** The WGS-84 point whose GCJ-02 image is `g` (a click on 高德 tiles, back to what is stored). */
export function gcj02ToWgs84(g: LngLat): LngLat {
	if (outOfChina(g)) return [g[0], g[1]];
	let w: LngLat = [g[0], g[1]];
	for (let i = 0; i < 30; i++) {
		const [x, y] = wgs84ToGcj02(w);
		const dx = x - g[0];
		const dy = y - g[1];
		w = [w[0] - dx, w[1] - dy];
		if (Math.abs(dx) < 1e-10 && Math.abs(dy) < 1e-10) break;
	}
	return w;
}

/** BD-09 (百度) → GCJ-02: 百度 adds its own shift on top of GCJ-02 (about another 1 km here). */
export function bd09ToGcj02([lng, lat]: LngLat): LngLat {
	const X_PI = (Math.PI * 3000) / 180;
	const x = lng - 0.0065;
	const y = lat - 0.006;
	const z = Math.sqrt(x * x + y * y) - 0.00002 * Math.sin(y * X_PI);
	const theta = Math.atan2(y, x) - 0.000003 * Math.cos(x * X_PI);
	return [z * Math.cos(theta), z * Math.sin(theta)];
}

/** GCJ-02 → BD-09, the inverse shift (for tests and for recognising BD-09 files). */
export function gcj02ToBd09([lng, lat]: LngLat): LngLat {
	const X_PI = (Math.PI * 3000) / 180;
	const z = Math.sqrt(lng * lng + lat * lat) + 0.00002 * Math.sin(lat * X_PI);
	const theta = Math.atan2(lat, lng) + 0.000003 * Math.cos(lng * X_PI);
	return [z * Math.cos(theta) + 0.0065, z * Math.sin(theta) + 0.006];
}
