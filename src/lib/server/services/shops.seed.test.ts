// The demo shop records (seeds/demo-shops.ts) against the checks the shop registry applies to a form.
import { describe, expect, it } from 'vitest';
import { isValidCreditCode, validateShopInput, type ShopInput } from '$lib/domain/shop-input';
import { DEMO_SHOPS, seedDemoShops } from '../../../../seeds/demo-shops';
import type { ShopRow } from '../db/schema';
import { getShop } from '../repositories/shops';
import { actorOf, createTestDb } from '../test-db';
import { updateShop } from './shops';

const NOW = Date.parse('2026-03-02T10:00:00+08:00');
const DAY = 86_400_000;

/** A stored record as the form that would save it again. */
const asInput = (r: ShopRow): ShopInput => ({
	signName: r.sign_name,
	creditCode: r.credit_code ?? '',
	ownerName: r.owner_name,
	phone: r.phone,
	address: r.address,
	lng: r.lng,
	lat: r.lat
});

describe('seedDemoShops', () => {
	it('inserts valid shops inside the subdistrict once, whatever the number of runs', async () => {
		const fresh = await createTestDb();
		try {
			const createdBy = fresh.users.get('zhifa')!;
			const first = await seedDemoShops(fresh.db, createdBy, NOW);
			expect(first.size).toBe(DEMO_SHOPS.length);
			const again = await seedDemoShops(fresh.db, createdBy, NOW + DAY);
			expect([...again]).toEqual([...first]);
			const rows = await fresh.db.selectFrom('shops').selectAll().execute();
			expect(rows).toHaveLength(DEMO_SHOPS.length);
			for (const r of rows) {
				if (r.credit_code !== null) expect(isValidCreditCode(r.credit_code), r.credit_code).toBe(true);
				expect(validateShopInput(asInput(r)).ok).toBe(true);
			}
			expect(rows.filter((r) => r.credit_code === null)).toHaveLength(1);
			// The same records go through the service's checks (point inside, 居民区 found).
			const actor = await actorOf(fresh.db, 'zhifa');
			const sample = rows[0];
			const r = await updateShop(fresh.db, actor, sample.id, asInput(sample), NOW + 2 * DAY);
			expect(r.ok).toBe(true);
			expect((await getShop(fresh.db, sample.id))?.community_id).toBe(sample.community_id);
		} finally {
			await fresh.cleanup();
		}
	});
});
