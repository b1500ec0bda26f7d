import { afterAll, beforeAll, expect, it } from 'vitest';
import { at } from '../../src/lib/domain/fixtures/time';
import { formatRate } from '../../src/lib/domain/rates';
import { computeStats, statsFromEntries } from '../../src/lib/server/services/stats/compute';
import { statsFromCounts } from '../../src/lib/server/services/stats/from-counts';
import { countsReady, rebuildCounts } from '../../src/lib/server/services/stats/rebuild';
import { drillDown, drillVolume } from '../../src/lib/server/services/stats/drill';
import { workSummaries } from '../../src/lib/server/services/stats/summary';
import { summaryText } from '../../src/lib/domain/work-summary';
import { createTestDb, type TestDb } from '../../src/lib/server/test-db';
import { seedDemoCameras } from '../demo-cameras';
import { seedDemoShops } from '../demo-shops';
import { seedDemoYear } from './index';

// The demo history is generated through the real services; the 2023 figures the subdistrict
// published must come out of the statistics over those rows, exactly: on SQLite (project unit) and
// on PostgreSQL (project unit-pg) alike.
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
	// PostgreSQL takes a few times SQLite's time: every statement of the year's writes is a round trip.
}, 600_000);
afterAll(() => t.cleanup(), 60_000);

it('2023 computes to 97.35 %, 100.00 %, 99.83 % and 70.15 %, 109 stock structures and 9 enforcement cases', async () => {
	const s = await computeStats(t.db, '2023-01-01', '2023-12-31', null, NOW);
	expect(formatRate(s.total.rates.first_contact)).toBe('97.35%');
	expect(formatRate(s.total.rates.hotline_on_time)).toBe('100.00%');
	expect(formatRate(s.total.rates.grid_on_time)).toBe('99.83%');
	expect(formatRate(s.total.rates.grid_efficient)).toBe('70.15%');
	expect(s.total.rates.first_contact).toMatchObject({ numerator: 735, denominator: 755 });
	expect(s.total.rates.hotline_on_time).toMatchObject({ numerator: 827, denominator: 827 });
	expect(s.total.rates.grid_on_time).toMatchObject({ numerator: 602, denominator: 603, undecided: 0 });
	expect(s.total.rates.grid_efficient).toMatchObject({ numerator: 423, denominator: 603 });
	expect(s.total.volumes.stock_structures_closed).toBe(109);
	expect(s.total.volumes.enforcement_opened).toBe(9);
	// Realistic volumes, every month of the year.
	const months = await computeStats(t.db, '2023-01-01', '2023-12-31', 'month', NOW);
	expect(months.groups.map((g) => g.key)).toEqual(
		Array.from({ length: 12 }, (_, i) => `2023-${String(i + 1).padStart(2, '0')}`)
	);
	for (const g of months.groups) expect(g.volumes.reported).toBeGreaterThan(20);
	expect(seconds).toBeGreaterThan(0);
});

it('the 2023 工作总结 reads the published figures, and each figure links to a list of exactly that many', async () => {
	const s = await computeStats(t.db, '2023-01-01', '2023-12-31', null, NOW);
	const [zh, en] = workSummaries(s);
	expect(summaryText(zh.pieces)).toBe(
		'全年受理12345工单864件，先行联系率97.35%，按时办结率100%；网格流转案件736件，按时办结率99.83%，高效处置率70.15%；拆除存量违法建筑109处；非现场执法立案9件。'
	);
	expect(summaryText(en.pieces)).toContain(
		'In 2023, the street accepted 864 12345 hotline orders, with a first-contact rate of 97.35%'
	);
	const range = { from: '2023-01-01', to: '2023-12-31' };
	for (const p of zh.pieces) {
		if (!('figure' in p)) continue;
		const found =
			'volume' in p.link
				? await drillVolume(t.db, { volume: p.link.volume, ...range }, NOW)
				: await drillDown(t.db, { ...p.link, ...range }, NOW);
		expect([p.figure, new Set(found.ids).size]).toEqual([p.figure, p.count]);
	}
	// A month says 本月, from that month's own figures.
	const july = await computeStats(t.db, '2023-07-01', '2023-07-31', null, NOW);
	expect(summaryText(workSummaries(july)[0].pieces)).toMatch(
		new RegExp(`^本月受理12345工单${july.total.volumes.orders_received}件，`)
	);
});

const GROUPINGS = [null, 'month', 'area', 'community', 'category', 'department'] as const;
const PERIODS = [
	['2023-01-01', '2023-12-31'],
	['2024-01-01', '2024-12-31'],
	['2025-01-01', '2025-12-31'],
	['2026-01-01', '2026-12-31'],
	['2023-12-01', '2023-12-31'],
	['2026-10-01', '2026-11-30'],
	['2026-11-01', '2026-11-30']
] as const;

it('the counts kept with every write equal the counts rebuilt from the records, and give the same figures as judging every row', async () => {
	expect(await countsReady(t.db)).toBe(false);
	const check = await rebuildCounts(t.db, { write: true });
	expect(check.differences).toEqual([]);
	expect(check.rows).toBeGreaterThan(1000);
	expect(await countsReady(t.db)).toBe(true);
	// Open work inside its deadline is judged live: look at it from several instants, including the seed's.
	for (const now of [NOW, at('2026-11-20 09:00'), at('2026-12-31 23:00')]) {
		for (const [from, to] of PERIODS) {
			for (const g of GROUPINGS)
				expect(await statsFromCounts(t.db, from, to, g, now)).toEqual(await statsFromEntries(t.db, from, to, g, now));
		}
	}
});

it('the rows are the truth: changing one case moves the rate, and a rebuild brings the kept counts along', async () => {
	const onTime = await t.db
		.selectFrom('cases')
		.select(['id', 'deadline_at'])
		.where('status', '=', 'closed')
		.where('deadline_at', '>', at('2023-06-01 00:00'))
		.where('deadline_at', '<', at('2023-07-01 00:00'))
		.whereRef('feedback_at', '<=', 'deadline_at')
		.executeTakeFirstOrThrow();
	await t.db
		.updateTable('cases')
		.set({ feedback_at: onTime.deadline_at! + 60_000 })
		.where('id', '=', onTime.id)
		.execute();
	const s = await statsFromEntries(t.db, '2023-01-01', '2023-12-31', null, NOW);
	expect(s.total.rates.grid_on_time).toMatchObject({ numerator: 601, denominator: 603 });
	expect(formatRate(s.total.rates.grid_on_time)).toBe('99.67%');
	// That write went around the services, so the kept counts missed it; the rebuild finds exactly it.
	expect((await computeStats(t.db, '2023-01-01', '2023-12-31', null, NOW)).total.rates.grid_on_time).toMatchObject({
		numerator: 602
	});
	const check = await rebuildCounts(t.db, { write: true });
	const fine = check.differences.filter((d) => !d.table);
	expect(fine.map((d) => d.key.split('\t').slice(5))).toEqual(
		expect.arrayContaining([
			['grid_on_time', '', 'late'],
			['grid_on_time', '', 'on_time']
		])
	);
	expect(check.differences.filter((d) => d.table === 'area').map((d) => d.key.split('\t').slice(3))).toEqual(
		expect.arrayContaining([
			['grid_on_time', '', 'late'],
			['grid_on_time', '', 'on_time']
		])
	);
	expect(
		check.differences.every((d) => d.key.split('\t')[0] === '2023-06' && Math.abs(d.maintained - d.rebuilt) === 1)
	).toBe(true);
	expect((await statsFromCounts(t.db, '2023-01-01', '2023-12-31', null, NOW)).total.rates.grid_on_time).toMatchObject({
		numerator: 601,
		denominator: 603
	});
});
