// What checking an incoming 12345 order needs, as plain data and as the context the checks read.
// No database here: an import's worker thread builds the context from data it was handed
// (services/hotline/import-prepare.ts); repositories/hotline-reference.ts loads the data.
import type { PlaceName } from '$lib/domain/community-names';
import type { Limit } from '$lib/domain/deadlines';
import { locatePoint, type LngLat } from '$lib/domain/geo';
import { indexedPointInPolygon } from '$lib/domain/polygon-index';
import type { OrderTypeRef, OrderValidationContext } from '$lib/domain/hotline-order-input';
import type { WorkCalendar } from '$lib/domain/working-days';
import type { Geography } from './repositories/reference';
import categoriesJson from '$lib/reference-data/categories.json' with { type: 'json' };

/** 12345 order types and their limits (categories.json `hotlineOrderTypes`). */
export const ORDER_TYPES: readonly OrderTypeRef[] = categoriesJson.hotlineOrderTypes.map((t) => ({
	type: t.type,
	code: t.code,
	limit: t.limit as Limit
}));

/** What validating an incoming order needs, as plain data a worker thread can be handed (validationContextFrom makes the context). */
export interface OrderValidationData {
	now: number;
	categoryCodes: string[];
	/** 居民区 name → id. */
	communities: [string, number][];
	geography: Geography;
	calendar: WorkCalendar;
	placeNames: PlaceName[];
}

/** The validation context of that data (no database: runs on a worker thread too). */
export function validationContextFrom(data: OrderValidationData): OrderValidationContext {
	const { geography } = data;
	const locateCommunity = (pt: LngLat) => {
		const found = locatePoint(pt, geography.boundary, geography.areas, geography.communities, indexedPointInPolygon);
		return found.ok ? found.communityId : null;
	};
	return {
		now: data.now,
		orderTypes: ORDER_TYPES,
		categoryCodes: new Set(data.categoryCodes),
		communities: new Map(data.communities),
		boundary: geography.boundary,
		calendar: data.calendar,
		locateCommunity,
		placeNames: data.placeNames
	};
}
