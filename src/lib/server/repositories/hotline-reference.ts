import type { OrderValidationContext } from '$lib/domain/hotline-order-input';
import { shanghaiDate } from '$lib/domain/working-days';
import type { Db } from '../db/create-database';
import { ORDER_TYPES, validationContextFrom, type OrderValidationData } from '../hotline-validation';
import { loadCalendar } from './calendar';
import { listPlaceNames } from './place-names';
import { loadGeography } from './reference';

export { ORDER_TYPES };

export function orderTypeLabel(code: string): string {
	return ORDER_TYPES.find((t) => t.code === code)?.type ?? code;
}

/**
 * What validating an incoming order needs to know: order types, category codes, 居民区 names, the
 * subdistrict's outline, the calendar (for the deadline a 办理时限 gives), and what finds a 居民区
 * from a point (the boundaries in force) or from an address (the road and 小区 names).
 */
export async function orderValidationContext(db: Db, now: number): Promise<OrderValidationContext> {
	return validationContextFrom(await orderValidationData(db, now));
}

/** The same as data (a worker thread makes the context of it: hotline-validation.ts). */
export async function orderValidationData(db: Db, now: number): Promise<OrderValidationData> {
	const [categories, communities, geography, calendar, placeNames] = await Promise.all([
		db.selectFrom('categories').select('code').execute(),
		db.selectFrom('communities').select(['id', 'name']).execute(),
		loadGeography(db, shanghaiDate(now)),
		loadCalendar(db),
		listPlaceNames(db)
	]);
	return {
		now,
		categoryCodes: categories.map((c) => c.code),
		communities: communities.map((c) => [c.name, c.id]),
		geography,
		calendar,
		placeNames: placeNames.map((p) => ({ name: p.name, kind: p.kind, communityId: p.communityId }))
	};
}
