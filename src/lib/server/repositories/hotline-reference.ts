import type { Limit } from '$lib/domain/deadlines';
import type { OrderTypeRef, OrderValidationContext } from '$lib/domain/hotline-order-input';
import { shanghaiDate } from '$lib/domain/working-days';
import type { Db } from '../db/create-database';
import { loadGeography } from './reference';
import categoriesJson from '../../../../seeds/data/categories.json' with { type: 'json' };

/** 12345 order types and their limits (categories.json `hotlineOrderTypes`). */
export const ORDER_TYPES: readonly OrderTypeRef[] = categoriesJson.hotlineOrderTypes.map((t) => ({
	type: t.type,
	code: t.code,
	limit: t.limit as Limit
}));

export function orderTypeLabel(code: string): string {
	return ORDER_TYPES.find((t) => t.code === code)?.type ?? code;
}

/** What validating an incoming order needs to know: order types, category codes, 居民区 names and the subdistrict's outline. */
export async function orderValidationContext(db: Db, now: number): Promise<OrderValidationContext> {
	const [categories, communities, geography] = await Promise.all([
		db.selectFrom('categories').select('code').execute(),
		db.selectFrom('communities').select(['id', 'name']).execute(),
		loadGeography(db, shanghaiDate(now))
	]);
	return {
		now,
		orderTypes: ORDER_TYPES,
		categoryCodes: new Set(categories.map((c) => c.code)),
		communities: new Map(communities.map((c) => [c.name, c.id])),
		boundary: geography.boundary
	};
}
