// The shop registry (商户档案): create and edit records, and show them with the owner's personal data
// in full only to those who must reach the party (the personal_data capability of the enforcement
// track).
import { locatePoint, type LngLat } from '$lib/domain/geo';
import { maskName, maskPhone } from '$lib/domain/personal-data';
import { repeatOffences, validateShopInput, type ShopInput } from '$lib/domain/shop-input';
import { SETTINGS } from '$lib/domain/settings';
import { shanghaiDate } from '$lib/domain/working-days';
import type { Db } from '../db/create-database';
import { transact } from '../db/transact';
import type { ShopRow } from '../db/schema';
import { loadGeography } from '../repositories/reference';
import { readSetting } from '../repositories/settings';
import * as shops from '../repositories/shops';
import { type Actor, can } from '$lib/domain/access';

export type ShopFieldErrors = Record<string, string>;
export type ShopWriteResult =
	{ ok: true; shopId: number } | { ok: false; status: 400 | 403 | 404 | 409; errors: ShopFieldErrors };

/** A shop as a page may show it to this actor. */
export interface ShopView {
	id: number;
	signName: string;
	creditCode: string | null;
	ownerName: string;
	phone: string;
	/** True when ownerName and phone are masked for this actor. */
	masked: boolean;
	address: string;
	lng: number;
	lat: number;
	communityId: number;
	communityName: string | null;
	createdAt: number;
	updatedAt: number;
}

export function presentShop(actor: Actor, row: ShopRow & { community_name?: string }): ShopView {
	const full = can(actor, 'enforcement.personal_data');
	return {
		id: row.id,
		signName: row.sign_name,
		creditCode: row.credit_code,
		ownerName: full ? row.owner_name : maskName(row.owner_name),
		phone: full ? row.phone : maskPhone(row.phone),
		masked: !full,
		address: row.address,
		lng: row.lng,
		lat: row.lat,
		communityId: row.community_id,
		communityName: row.community_name ?? null,
		createdAt: row.created_at,
		updatedAt: row.updated_at
	};
}

/** How far back a shop's enforcement cases count as repeat offences (days). */
export const getRepeatWindowDays = (db: Db): Promise<number> => readSetting(db, SETTINGS.repeatWindowDays);

/** Same checks for create and update: fields, then the point's 居民区 (the boundaries in force today). */
async function checkInput(db: Db, input: ShopInput, now: number) {
	const v = validateShopInput(input);
	const errors: ShopFieldErrors = v.ok ? {} : { ...v.errors };
	let communityId = 0;
	if (!errors.point) {
		const geo = await loadGeography(db, shanghaiDate(now));
		const found = locatePoint([input.lng, input.lat] as LngLat, geo.boundary, geo.areas, geo.communities);
		if (found.ok) communityId = found.communityId;
		else errors.point = found.reason;
	}
	if (!v.ok || Object.keys(errors).length) return { ok: false as const, errors };
	const f = v.value;
	// The stored columns of the record, the same for a new one and an edit.
	const columns = {
		sign_name: f.signName,
		credit_code: f.creditCode,
		owner_name: f.ownerName,
		phone: f.phone,
		address: f.address,
		lng: f.lng,
		lat: f.lat,
		community_id: communityId
	};
	return { ok: true as const, creditCode: f.creditCode, columns };
}

/** SQLite and PostgreSQL name a UNIQUE violation differently; the only UNIQUE column here is credit_code. */
function isUniqueViolation(e: unknown): boolean {
	const code = (e as { code?: unknown } | null)?.code;
	return code === 'SQLITE_CONSTRAINT_UNIQUE' || code === '23505';
}

const duplicate = (): ShopWriteResult => ({ ok: false, status: 400, errors: { creditCode: 'duplicate' } });

export async function createShop(db: Db, actor: Actor, input: ShopInput, now: number): Promise<ShopWriteResult> {
	if (!can(actor, 'enforcement.manage_shops')) return { ok: false, status: 403, errors: { form: 'forbidden' } };
	const checked = await checkInput(db, input, now);
	if (!checked.ok) return { ok: false, status: 400, errors: checked.errors };
	const { creditCode, columns } = checked;
	try {
		return await transact(db, async (trx) => {
			if (creditCode && (await shops.findShopByCreditCode(trx, creditCode))) return duplicate();
			const shopId = await shops.insertShop(trx, {
				...columns,
				created_by: actor.id,
				created_at: now,
				updated_at: now
			});
			return { ok: true as const, shopId };
		});
	} catch (e) {
		if (isUniqueViolation(e)) return duplicate(); // a concurrent save took the code first
		throw e;
	}
}

/**
 * Edits a record. The edit form shows the owner's name and phone, so it needs 'personal_data' as
 * well as 'manage_shops'. `expectedUpdatedAt` (from the form) refuses a save over someone else's.
 */
export async function updateShop(
	db: Db,
	actor: Actor,
	shopId: number,
	input: ShopInput & { expectedUpdatedAt?: number },
	now: number
): Promise<ShopWriteResult> {
	if (!can(actor, 'enforcement.manage_shops') || !can(actor, 'enforcement.personal_data')) {
		return { ok: false, status: 403, errors: { form: 'forbidden' } };
	}
	const existing = await shops.getShop(db, shopId);
	if (!existing) return { ok: false, status: 404, errors: { form: 'not_found' } };
	const checked = await checkInput(db, input, now);
	if (!checked.ok) return { ok: false, status: 400, errors: checked.errors };
	const { creditCode, columns } = checked;
	try {
		return await transact(db, async (trx) => {
			const holder = creditCode ? await shops.findShopByCreditCode(trx, creditCode) : null;
			if (holder && holder.id !== shopId) return duplicate();
			const patch = {
				...columns,
				// Strictly increasing, so two saves in the same millisecond still differ.
				updated_at: Math.max(now, existing.updated_at + 1)
			};
			const changed = await shops.updateShop(trx, shopId, patch, input.expectedUpdatedAt);
			if (!changed) return { ok: false as const, status: 409 as const, errors: { form: 'stale' } };
			return { ok: true as const, shopId };
		});
	} catch (e) {
		if (isUniqueViolation(e)) return duplicate();
		throw e;
	}
}

export interface ShopDetail {
	shop: ShopView;
	cases: shops.ShopCaseRow[];
	/** The shop's enforcement cases opened within the window (重复违法). */
	repeatCount: number;
	windowDays: number;
}

/** The shop page: the record as this actor may see it, its enforcement cases, and the repeat count. */
export async function loadShopDetail(
	db: Db,
	actor: Actor,
	shopId: number,
	now: number
): Promise<ShopDetail | 'forbidden' | null> {
	if (!can(actor, 'enforcement.view_shops')) return 'forbidden';
	const row = await shops.getShop(db, shopId);
	if (!row) return null;
	const [cases, windowDays] = await Promise.all([shops.listShopCases(db, shopId), getRepeatWindowDays(db)]);
	return {
		shop: presentShop(actor, row),
		cases,
		repeatCount: repeatOffences(cases, { windowDays, now }).length,
		windowDays
	};
}
