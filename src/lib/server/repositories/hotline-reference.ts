import type { Limit } from '$lib/domain/deadlines';
import type { OrderTypeRef, OrderValidationContext } from '$lib/domain/hotline-order-input';
import { locatePoint, type LngLat } from '$lib/domain/geo';
import { shanghaiDate } from '$lib/domain/working-days';
import type { Db } from '../db/create-database';
import { loadCalendar } from './calendar';
import { listPlaceNames } from './place-names';
import { loadGeography } from './reference';
import categoriesJson from '$lib/reference-data/categories.json' with { type: 'json' };

/** 12345 order types and their limits (categories.json `hotlineOrderTypes`). */
export const ORDER_TYPES: readonly OrderTypeRef[] = categoriesJson.hotlineOrderTypes.map((t) => ({
	type: t.type,
	code: t.code,
	limit: t.limit as Limit
}));

export function orderTypeLabel(code: string): string {
	return ORDER_TYPES.find((t) => t.code === code)?.type ?? code;
}

/**
 * What validating an incoming order needs to know: order types, category codes, 居民区 names, the
 * subdistrict's outline, the calendar (for the deadline a 办理时限 gives), and what finds a 居民区
 * from a point (the boundaries in force) or from an address (the road and 小区 names).
 */
export async function orderValidationContext(db: Db, now: number): Promise<OrderValidationContext> {
	const [categories, communities, geography, calendar, placeNames] = await Promise.all([
		db.selectFrom('categories').select('code').execute(),
		db.selectFrom('communities').select(['id', 'name']).execute(),
		loadGeography(db, shanghaiDate(now)),
		loadCalendar(db),
		listPlaceNames(db)
	]);
	const locateCommunity = (pt: LngLat) => {
		const found = locatePoint(pt, geography.boundary, geography.areas, geography.communities);
		return found.ok ? found.communityId : null;
	};
	return {
		now,
		orderTypes: ORDER_TYPES,
		categoryCodes: new Set(categories.map((c) => c.code)),
		communities: new Map(communities.map((c) => [c.name, c.id])),
		boundary: geography.boundary,
		calendar,
		locateCommunity,
		placeNames: placeNames.map((p) => ({ name: p.name, kind: p.kind, communityId: p.communityId }))
	};
}
