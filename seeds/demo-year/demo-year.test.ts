import { afterAll, beforeAll, expect, it } from 'vitest';
import { at } from '../../src/lib/domain/fixtures/time';
import { formatRate } from '../../src/lib/domain/rates';
import { computeStats } from '../../src/lib/server/services/stats/compute';
import { createTestDb, type TestDb } from '../../src/lib/server/test-db';
import { seedDemoCameras } from '../demo-cameras';
import { seedDemoShops } from '../demo-shops';
import { seedDemoYear } from './index';

// The demo history is generated through the real services; the 2023 figures the subdistrict
// published must come out of the statistics over those rows, exactly.
let t: TestDb;
const NOW = at('2026-11-27 12:00');
let seconds = 0;

beforeAll(async () => {
	t = await createTestDb();
	await seedDemoCameras(t.db, NOW);
	const shops = await seedDemoShops(t.db, t.users.get('zhifa')!, NOW);
	const started = Date.now();
	await seedDemoYear(t.db, shops, NOW);
	seconds = (Date.now() - started) / 1000;
}, 300_000);
afterAll(() => t.cleanup());

it('2023 computes to 97.35 %, 100.00 %, 99.83 % and 70.15 %, 109 stock structures and 9 enforcement cases', async () => {
	const s = await computeStats(t.db, '2023-01-01', '2023-12-31', null, NOW);
	expect(formatRate(s.total.rates.first_contact)).toBe('97.35%');
	expect(formatRate(s.total.rates.hotline_on_time)).toBe('100.00%');
	expect(formatRate(s.total.rates.grid_on_time)).toBe('99.83%');
	expect(formatRate(s.total.rates.grid_efficient)).toBe('70.15%');
	expect(s.total.rates.grid_on_time).toMatchObject({ numerator: 602, denominator: 603, undecided: 0 });
	expect(s.total.volumes.stock_structures_closed).toBe(109);
	expect(s.total.volumes.enforcement_opened).toBe(9);
	// Realistic volumes, every month of the year.
	const months = await computeStats(t.db, '2023-01-01', '2023-12-31', 'month', NOW);
	expect(months.groups.map((g) => g.key)).toEqual(Array.from({ length: 12 }, (_, i) => `2023-${String(i + 1).padStart(2, '0')}`));
	for (const g of months.groups) expect(g.volumes.reported).toBeGreaterThan(20);
	expect(seconds).toBeGreaterThan(0);
});

it('no figure is stored: changing one case moves the rate', async () => {
	const onTime = await t.db
		.selectFrom('cases')
		.select(['id', 'deadline_at'])
		.where('status', '=', 'closed')
		.where('deadline_at', '>', at('2023-06-01 00:00'))
		.where('deadline_at', '<', at('2023-07-01 00:00'))
		.whereRef('feedback_at', '<=', 'deadline_at')
		.executeTakeFirstOrThrow();
	await t.db.updateTable('cases').set({ feedback_at: onTime.deadline_at! + 60_000 }).where('id', '=', onTime.id).execute();
	const s = await computeStats(t.db, '2023-01-01', '2023-12-31', null, NOW);
	expect(s.total.rates.grid_on_time).toMatchObject({ numerator: 601, denominator: 603 });
	expect(formatRate(s.total.rates.grid_on_time)).toBe('99.67%');
});
