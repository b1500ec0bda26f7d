// The base map every Leaflet map draws: the admin's setting, or else the older
// PUBLIC_TILE_URL environment setting (WGS-84 tiles), or else none.
import { env } from '$env/dynamic/public';
import { baseMapView, DEFAULT_BASE_MAP, parseBaseMap, type BaseMapView } from '$lib/domain/base-map';
import { SETTINGS } from '$lib/domain/settings';
import type { Db } from './db/create-database';
import { getSetting } from './repositories/settings';

export async function loadBaseMap(db: Db): Promise<BaseMapView> {
	const stored = await getSetting(db, SETTINGS.baseMap.key);
	if (stored) return baseMapView(parseBaseMap(stored));
	const url = env.PUBLIC_TILE_URL ?? '';
	if (url)
		return baseMapView({
			...DEFAULT_BASE_MAP,
			kind: 'xyz',
			url,
			attribution: env.PUBLIC_TILE_ATTRIBUTION ?? '',
			datum: 'wgs84'
		});
	return baseMapView(DEFAULT_BASE_MAP);
}
