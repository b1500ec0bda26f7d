import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ShopInput } from '$lib/domain/shop-input';
import { getShop, listShopCases, searchShops } from '../repositories/shops';
import { actorOf, createTestDb, type TestDb } from '../test-db';
import { SETTINGS } from '$lib/domain/settings';
import type { Actor } from '$lib/domain/access';
import { createShop, getRepeatWindowDays, loadShopDetail, presentShop, updateShop } from './shops';

const NOW = Date.parse('2026-03-02T10:00:00+08:00');
const DAY = 86_400_000;
const DONGLAN_1 = { lng: 121.37792, lat: 31.15505 }; // the 东兰一居 marker
const GUMEI_3 = { lng: 121.3977, lat: 31.14336 }; // the 古美三村 marker
const GULONG_1 = { lng: 121.39911, lat: 31.14781 }; // the 古龙一居 marker

let t: TestDb;
let zhifa: Actor;
let diaodu: Actor;
let lingdao: Actor;
let wangge: Actor;

beforeAll(async () => {
	t = await createTestDb();
	[zhifa, diaodu, lingdao, wangge] = await Promise.all(
		['zhifa', 'diaodu', 'lingdao', 'wangge'].map((u) => actorOf(t.db, u))
	);
});
afterAll(async () => {
	await t.cleanup();
});

const input = (over: Partial<ShopInput> = {}): ShopInput => ({
	signName: '老王早餐店',
	creditCode: '',
	ownerName: '王建国',
	phone: '139-1234-5678',
	address: '平吉路 18 号',
	...DONGLAN_1,
	...over
});

const communityId = async (name: string) =>
	(await t.db.selectFrom('communities').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id;

async function addCase(shopId: number, code: string, createdAt: number) {
	const c = await t.db.selectFrom('categories').select('code').executeTakeFirstOrThrow();
	const place = await t.db.selectFrom('communities').select(['id', 'area_id']).executeTakeFirstOrThrow();
	await t.db
		.insertInto('enforcement_cases')
		.values({
			code,
			status: 'pending_notice',
			category_code: c.code,
			description: '跨门营业',
			address: '平吉路 18 号',
			...DONGLAN_1,
			area_id: place.area_id,
			community_id: place.id,
			shop_id: shopId,
			created_by: zhifa.id,
			created_at: createdAt,
			stage_started_at: createdAt,
			updated_at: createdAt
		})
		.execute();
}

describe('createShop', () => {
	it('stores a normalised record in the 居民区 of its point', async () => {
		const r = await createShop(t.db, zhifa, input({ creditCode: '91350100m000100y43 ' }), NOW);
		expect(r.ok).toBe(true);
		if (!r.ok) return;
		const row = await getShop(t.db, r.shopId);
		expect(row).toMatchObject({
			sign_name: '老王早餐店',
			credit_code: '91350100M000100Y43',
			owner_name: '王建国',
			phone: '13912345678',
			community_id: await communityId('东兰一居'),
			community_name: '东兰一居',
			created_by: zhifa.id,
			created_at: NOW,
			updated_at: NOW
		});
	});

	it('refuses a credit code already on file, whatever its case or spacing', async () => {
		const r = await createShop(t.db, zhifa, input({ signName: '另一家', creditCode: '9135 0100 M000 100Y 43' }), NOW);
		expect(r).toEqual({ ok: false, status: 400, errors: { creditCode: 'duplicate' } });
	});

	it('allows any number of street stalls without a code', async () => {
		expect((await createShop(t.db, zhifa, input({ signName: '流动摊位甲' }), NOW)).ok).toBe(true);
		expect((await createShop(t.db, zhifa, input({ signName: '流动摊位乙' }), NOW)).ok).toBe(true);
	});

	it('refuses a point outside the subdistrict and a bad check digit, writing nothing', async () => {
		const before = (await searchShops(t.db, { limit: 100, offset: 0 })).total;
		const r = await createShop(t.db, zhifa, input({ creditCode: '91350100M000100Y44', lng: 121.3, lat: 31.1 }), NOW);
		expect(r).toEqual({
			ok: false,
			status: 400,
			errors: { creditCode: 'invalid_credit_code', point: 'outside_subdistrict' }
		});
		expect((await searchShops(t.db, { limit: 100, offset: 0 })).total).toBe(before);
	});

	it.each(['diaodu', 'lingdao', 'wangge'])('is for enforcers only, not %s', async (username) => {
		const actor = { diaodu, lingdao, wangge }[username]!;
		expect(await createShop(t.db, actor, input({ signName: '越权' }), NOW)).toEqual({
			ok: false,
			status: 403,
			errors: { form: 'forbidden' }
		});
	});
});

describe('updateShop', () => {
	it('moves the shop to the 居民区 of its new point and keeps a concurrent edit from being overwritten', async () => {
		const created = await createShop(
			t.db,
			zhifa,
			input({ signName: '小张水果', creditCode: '91440101MA5CJQ4N59' }),
			NOW
		);
		if (!created.ok) throw new Error('setup');
		const r = await updateShop(
			t.db,
			zhifa,
			created.shopId,
			{ ...input({ signName: '小张水果店', creditCode: '91440101MA5CJQ4N59', ...GUMEI_3 }), expectedUpdatedAt: NOW },
			NOW + 1000
		);
		expect(r).toEqual({ ok: true, shopId: created.shopId });
		const row = await getShop(t.db, created.shopId);
		expect(row).toMatchObject({ sign_name: '小张水果店', community_name: '古美三村', updated_at: NOW + 1000 });

		const stale = await updateShop(
			t.db,
			zhifa,
			created.shopId,
			{ ...input({ signName: '旧表单' }), expectedUpdatedAt: NOW },
			NOW + 2000
		);
		expect(stale).toEqual({ ok: false, status: 409, errors: { form: 'stale' } });
		expect((await getShop(t.db, created.shopId))?.sign_name).toBe('小张水果店');
	});

	it("refuses another shop's credit code, and an unknown shop", async () => {
		const created = await createShop(t.db, zhifa, input({ signName: '第三家', creditCode: '913502000728319549' }), NOW);
		if (!created.ok) throw new Error('setup');
		expect(await updateShop(t.db, zhifa, created.shopId, input({ creditCode: '91350100M000100Y43' }), NOW)).toEqual({
			ok: false,
			status: 400,
			errors: { creditCode: 'duplicate' }
		});
		expect((await updateShop(t.db, zhifa, 999_999, input(), NOW)).ok).toBe(false);
		expect(await updateShop(t.db, diaodu, created.shopId, input(), NOW)).toMatchObject({ status: 403 });
	});
});

describe('presentShop', () => {
	it("shows the owner's name and phone in full to enforcers only", async () => {
		const row = (await searchShops(t.db, { q: '老王早餐店', limit: 1, offset: 0 })).rows[0];
		expect(presentShop(zhifa, row)).toMatchObject({
			ownerName: '王建国',
			phone: '13912345678',
			masked: false,
			communityName: '东兰一居'
		});
		for (const actor of [diaodu, lingdao]) {
			expect(presentShop(actor, row)).toMatchObject({
				ownerName: '王**',
				phone: '139****5678',
				masked: true,
				creditCode: '91350100M000100Y43'
			});
		}
	});
});

describe('searchShops', () => {
	it('matches name, credit code (any case) and address, and filters by 居民区', async () => {
		const names = async (q: string, community?: number) =>
			(await searchShops(t.db, { q, communityId: community, limit: 50, offset: 0 })).rows.map((r) => r.sign_name);
		expect(await names('早餐')).toEqual(['老王早餐店']);
		expect(await names('m000100y')).toEqual(['老王早餐店']);
		expect(await names('平吉路 18')).toContain('流动摊位甲');
		expect(await names('', await communityId('古美三村'))).toEqual(['小张水果店']);
		expect(await names('早餐', await communityId('古美三村'))).toEqual([]);
	});

	it('finds a shop by any part of its name or address, spaces ignored, and by its 居民区 (古龙)', async () => {
		const names = async (q: string) =>
			(await searchShops(t.db, { q, limit: 50, offset: 0 })).rows.map((r) => r.sign_name);
		const made = await createShop(
			t.db,
			zhifa,
			input({ signName: '新古龙小吃', address: '古龙路 58 号', ...GULONG_1 }),
			NOW
		);
		expect(made.ok).toBe(true);
		expect(await names('古龙')).toEqual(['新古龙小吃']);
		expect(await names('龙小')).toEqual(['新古龙小吃']);
		expect(await names('古龙路58号')).toEqual(['新古龙小吃']); // stored as 古龙路 58 号
		expect(await names('古龙路　５８')).toEqual(['新古龙小吃']); // full-width space and digits
		expect(await names('小吃 58')).toEqual(['新古龙小吃']); // each word somewhere
		expect(await names('小吃 平吉')).toEqual([]);
		expect(await names('古龙一居')).toEqual(['新古龙小吃']); // the 居民区 the point lies in
	});

	it('treats % and _ as plain characters', async () => {
		await createShop(t.db, zhifa, input({ signName: '100%_好味' }), NOW);
		expect((await searchShops(t.db, { q: '%', limit: 50, offset: 0 })).rows.map((r) => r.sign_name)).toEqual([
			'100%_好味'
		]);
		expect((await searchShops(t.db, { q: '_', limit: 50, offset: 0 })).total).toBe(1);
	});

	it('pages with a total', async () => {
		const all = await searchShops(t.db, { limit: 100, offset: 0 });
		const second = await searchShops(t.db, { limit: 2, offset: 2 });
		expect(second.total).toBe(all.total);
		expect(second.rows.map((r) => r.id)).toEqual(all.rows.slice(2, 4).map((r) => r.id));
	});
});

describe('repeat offences on the shop page', () => {
	it('lists the cases newest first and counts those within the window from settings', async () => {
		const shop = (await searchShops(t.db, { q: '老王早餐店', limit: 1, offset: 0 })).rows[0];
		await addCase(shop.id, 'F-1', NOW - 400 * DAY);
		await addCase(shop.id, 'F-2', NOW - 100 * DAY);
		await addCase(shop.id, 'F-3', NOW - DAY);
		expect((await listShopCases(t.db, shop.id)).map((c) => c.code)).toEqual(['F-3', 'F-2', 'F-1']);

		expect(await getRepeatWindowDays(t.db)).toBe(365);
		const detail = await loadShopDetail(t.db, lingdao, shop.id, NOW);
		expect(detail).toMatchObject({ repeatCount: 2, windowDays: 365, shop: { ownerName: '王**' } });

		await t.db.insertInto('settings').values({ key: SETTINGS.repeatWindowDays.key, value: '30' }).execute();
		expect(await loadShopDetail(t.db, zhifa, shop.id, NOW)).toMatchObject({ repeatCount: 1, windowDays: 30 });
		await t.db
			.updateTable('settings')
			.set({ value: '"bad"' })
			.where('key', '=', SETTINGS.repeatWindowDays.key)
			.execute();
		expect(await getRepeatWindowDays(t.db)).toBe(365);
	});

	it('is refused to a grid worker and null for an unknown shop', async () => {
		expect(await loadShopDetail(t.db, wangge, 1, NOW)).toBe('forbidden');
		expect(await loadShopDetail(t.db, zhifa, 999_999, NOW)).toBeNull();
	});
});
