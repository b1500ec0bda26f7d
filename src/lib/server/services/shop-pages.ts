// What the shop (商户) pages read: the searchable list, one shop with its cases, the new-shop form
// (started from an enforcement case when there is one), and the 关联当事人 search on a case page.
import { can, type Actor } from '$lib/domain/access';
import { shanghaiDate } from '$lib/domain/working-days';
import { loadBaseMap } from '../base-map';
import type { Db } from '../db/create-database';
import { getEnforcementRow } from '../repositories/enforcement';
import { listCategories, listCommunityNames, loadGeography } from '../repositories/reference';
import { getShop, searchShops } from '../repositories/shops';
import { loadShopDetail, presentShop } from './shops';

export const SHOP_PAGE_SIZE = 20;

export interface ShopListFilters {
	q: string;
	communityId: number | undefined;
	page: number;
}

export async function loadShopList(db: Db, actor: Actor, filters: ShopListFilters) {
	const [result, communities] = await Promise.all([
		searchShops(db, {
			q: filters.q,
			communityId: filters.communityId,
			limit: SHOP_PAGE_SIZE,
			offset: (filters.page - 1) * SHOP_PAGE_SIZE
		}),
		listCommunityNames(db)
	]);
	return {
		rows: result.rows.map((r) => presentShop(actor, r)),
		total: result.total,
		page: filters.page,
		pageCount: Math.max(1, Math.ceil(result.total / SHOP_PAGE_SIZE)),
		filters,
		communities: communities.map((c) => ({ id: c.id, name: c.name })),
		canManage: can(actor, 'enforcement.manage_shops')
	};
}

/** One shop with its cases and the names of their categories; 'forbidden' or null as loadShopDetail says. */
export async function loadShopPage(db: Db, actor: Actor, id: number, now: number) {
	const detail = await loadShopDetail(db, actor, id, now);
	if (detail === 'forbidden' || !detail) return detail;
	const codes = new Set(detail.cases.map((c) => c.category_code));
	const categories = (await listCategories(db))
		.filter((c) => codes.has(c.code))
		.map((c) => ({ code: c.code, minor: c.minor, variant: c.variant }));
	return {
		...detail,
		categories,
		// The edit form shows the owner's data in full, so it needs both.
		canEdit: can(actor, 'enforcement.manage_shops') && can(actor, 'enforcement.personal_data')
	};
}

/** The enforcement case a shop is being registered for (`?from=<id>`), when this actor may see it; else null. */
export async function shopFromCase(db: Db, actor: Actor, id: number | null) {
	if (id === null || !can(actor, 'enforcement.view')) return null;
	const row = await getEnforcementRow(db, id);
	return row ? { id: row.id, code: row.code, address: row.address, lng: row.lng, lat: row.lat } : null;
}

/** The new-shop form: from a case, it starts at the case's place (the shop is usually where the conduct was seen). */
export async function loadShopForm(db: Db, actor: Actor, fromId: number | null, now: number) {
	const [from, geo, baseMap] = await Promise.all([
		shopFromCase(db, actor, fromId),
		loadGeography(db, shanghaiDate(now)),
		loadBaseMap(db)
	]);
	const prefill = from ? { address: from.address, lng: String(from.lng), lat: String(from.lat) } : {};
	return {
		from: from && { id: from.id, code: from.code },
		prefill,
		map: { boundary: geo.boundary, areas: geo.areas.map((a) => ({ name: a.name, rings: a.rings })), baseMap }
	};
}

/**
 * 关联商户 on an enforcement case: shops found by 店招 or code, a shop just registered for the case
 * (`?shop=`) first and selected.
 */
export async function findShopsToLink(db: Db, q: string, pickedId: number | null) {
	const picked = pickedId === null ? null : await getShop(db, pickedId);
	const found = q ? (await searchShops(db, { q, limit: 10, offset: 0 })).rows : [];
	const hits = [...(picked ? [picked] : []), ...found.filter((s) => s.id !== picked?.id)].map((s) => ({
		id: s.id,
		signName: s.sign_name,
		address: s.address,
		creditCode: s.credit_code
	}));
	return { hits, picked: picked ? picked.sign_name : null };
}
