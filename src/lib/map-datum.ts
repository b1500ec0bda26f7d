// What every Leaflet map in GridCase shares (browser side): the tile layers of the base map, and
// the shift between stored WGS-84 points and what GCJ-02 tiles expect (about 490 m here; see gcj02.ts).
import type * as Leaflet from 'leaflet';
import type { BaseMapView, Datum } from '$lib/domain/base-map';
import { gcj02ToWgs84, wgs84ToGcj02 } from '$lib/domain/gcj02';
import type { LngLat } from '$lib/domain/geo';

/** A stored point as Leaflet's [lat, lng] on tiles of `datum`. */
export function shown(datum: Datum, p: LngLat): [number, number] {
	const [lng, lat] = datum === 'gcj02' ? wgs84ToGcj02(p) : p;
	return [lat, lng];
}

/** A click (Leaflet lat/lng on tiles of `datum`) as the WGS-84 point to store. */
export function stored(datum: Datum, lat: number, lng: number): LngLat {
	return datum === 'gcj02' ? gcj02ToWgs84([lng, lat]) : [lng, lat];
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
/** Text made safe for the few Leaflet inputs that only take HTML (the attribution line). */
export const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ESCAPES[c]);

/** A Leaflet tooltip or label as a DOM node holding `text` as text (Leaflet reads strings as HTML). */
export function textNode(text: string): HTMLElement {
	const span = document.createElement('span');
	span.textContent = text;
	return span;
}

/** The tile layers; the attribution is an admin's text, so it is escaped (Leaflet shows it as HTML). */
export function addBaseLayers(L: typeof Leaflet, map: Leaflet.Map, view: BaseMapView): void {
	for (const layer of view.layers)
		L.tileLayer(layer.url, {
			subdomains: layer.subdomains || 'abc',
			attribution: escapeHtml(layer.attribution),
			maxZoom: layer.maxZoom
		}).addTo(map);
}

/** Leaflet and its stylesheet, loaded in the browser only (the server never draws a map). */
export async function loadLeaflet(): Promise<typeof Leaflet> {
	const mod = await import('leaflet');
	await import('leaflet/dist/leaflet.css');
	return ((mod as unknown as { default?: typeof Leaflet }).default ?? mod) as typeof Leaflet;
}

/**
 * Loads Leaflet, then lets `setup` make the map in the element (read once Leaflet is there).
 * Returns the clean-up for `onMount` or an effect: it removes the map, and a Leaflet that arrives
 * after the component is gone makes none. `failed` hears a failed load or set-up.
 */
export function startMap(
	element: () => HTMLElement | undefined,
	setup: (L: typeof Leaflet, element: HTMLElement) => Leaflet.Map,
	failed?: (e: unknown) => void
): () => void {
	let stopped = false;
	let map: Leaflet.Map | undefined;
	const started = loadLeaflet().then((L) => {
		const el = element();
		if (!stopped && el) map = setup(L, el);
	});
	if (failed) started.catch(failed);
	return () => {
		stopped = true;
		map?.remove();
	};
}
