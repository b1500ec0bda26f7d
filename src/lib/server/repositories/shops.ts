import type { Insertable, Updateable } from 'kysely';
import type { Db } from '../db/create-database';
import { contains, containsIgnoringSpaces } from './like';
import type { ShopRow } from '../db/schema';
import type { ShopTable } from '../db/schema-enforcement';

/** A shop with the name of its 居民区, as lists and the detail page show it. */
export type ShopListRow = ShopRow & { community_name: string };

export interface ShopSearch {
	/** Words each found in the 店招名, 统一社会信用代码, address or 居民区 name. */
	q?: string;
	communityId?: number;
	limit: number;
	offset: number;
}

/** A shop's enforcement case as the shop page lists it. */
export interface ShopCaseRow {
	id: number;
	code: string;
	status: string;
	category_code: string;
	created_at: number;
}

export async function insertShop(db: Db, row: Insertable<ShopTable>): Promise<number> {
	const r = await db.insertInto('shops').values(row).returning('id').executeTakeFirstOrThrow();
	return r.id;
}

/**
 * Updates one shop; when `expectedUpdatedAt` is given the row must still carry it (someone else's
 * save in between makes this a no-op). Returns whether a row changed.
 */
export async function updateShop(
	db: Db,
	id: number,
	patch: Updateable<ShopTable>,
	expectedUpdatedAt?: number
): Promise<boolean> {
	let q = db.updateTable('shops').set(patch).where('id', '=', id);
	if (expectedUpdatedAt !== undefined) q = q.where('updated_at', '=', expectedUpdatedAt);
	const r = await q.executeTakeFirst();
	return Number(r.numUpdatedRows) > 0;
}

const listColumns = [
	'shops.id',
	'shops.sign_name',
	'shops.credit_code',
	'shops.owner_name',
	'shops.phone',
	'shops.address',
	'shops.lng',
	'shops.lat',
	'shops.community_id',
	'shops.created_by',
	'shops.created_at',
	'shops.updated_at',
	'communities.name as community_name'
] as const;

export async function getShop(db: Db, id: number): Promise<ShopListRow | null> {
	const row = await db
		.selectFrom('shops')
		.innerJoin('communities', 'communities.id', 'shops.community_id')
		.select(listColumns)
		.where('shops.id', '=', id)
		.executeTakeFirst();
	return row ?? null;
}

/** The shop holding this credit code, if any (the column is UNIQUE). */
export async function findShopByCreditCode(db: Db, creditCode: string): Promise<{ id: number } | null> {
	return (await db.selectFrom('shops').select('id').where('credit_code', '=', creditCode).executeTakeFirst()) ?? null;
}

/** Words of a search beyond these are ignored (the query is at most 100 characters anyway). */
const MAX_TERMS = 6;

export async function searchShops(db: Db, s: ShopSearch): Promise<{ rows: ShopListRow[]; total: number }> {
	let base = db.selectFrom('shops').innerJoin('communities', 'communities.id', 'shops.community_id');
	if (s.communityId) base = base.where('shops.community_id', '=', s.communityId);
	// Each word typed must appear in the 店招名, the code, the address or the 居民区's name (古龙 finds the
	// shops of 古龙一居/二居/三居), spaces ignored on both sides (古美路1258号 finds 古美路 1258 号).
	const terms = (s.q ?? '').normalize('NFKC').split(/\s+/).filter(Boolean).slice(0, MAX_TERMS);
	for (const term of terms) {
		// Codes are stored upper case; PostgreSQL's LIKE is case-sensitive where SQLite's is not.
		base = base.where((eb) =>
			eb.or([
				containsIgnoringSpaces(eb.ref('shops.sign_name'), term),
				contains(eb.ref('shops.credit_code'), term.toUpperCase()),
				containsIgnoringSpaces(eb.ref('shops.address'), term),
				contains(eb.ref('communities.name'), term)
			])
		);
	}
	const [rows, count] = await Promise.all([
		base.select(listColumns).orderBy('shops.sign_name').orderBy('shops.id').limit(s.limit).offset(s.offset).execute(),
		base.select(({ fn }) => fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
	]);
	return { rows, total: Number(count.n) };
}

/** Every enforcement case of the shop, newest first. */
export async function listShopCases(db: Db, shopId: number): Promise<ShopCaseRow[]> {
	return db
		.selectFrom('enforcement_cases')
		.select(['id', 'code', 'status', 'category_code', 'created_at'])
		.where('shop_id', '=', shopId)
		.orderBy('created_at', 'desc')
		.orderBy('id', 'desc')
		.execute();
}
