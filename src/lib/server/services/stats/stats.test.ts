import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { at, endOf } from '$lib/domain/fixtures/time';
import { createTestDb, type TestDb } from '../../test-db';
import { computeStats, statsFromEntries } from './compute';
import { rebuildCounts } from './rebuild';
import { statsFromCounts } from './from-counts';
import { drillDown } from './drill';
import { gridRow, januaryCase, orderRow } from './fixtures';

let t: TestDb;
beforeEach(async () => {
	t = await createTestDb();
});
afterEach(() => t.cleanup());

const NOW = at('2026-03-15 10:00');
const JAN = ['2026-01-01', '2026-01-31'] as const;

describe('grid 按时办结 and 高效处置 over a month', () => {
	it("counts by the deadline's period, late backlog included, exclusions apart; the lists match the counts", async () => {
		const jan10 = at('2026-01-10 09:00');
		const onTimeEfficient = await gridRow(t.db, januaryCase('2026-01-11 10:00', '2026-01-13 10:00'));
		const onTimeSlow = await gridRow(t.db, januaryCase('2026-01-12 16:00', '2026-01-13 10:00', { rework: 1 }));
		const lateClosed = await gridRow(t.db, januaryCase('2026-01-14 10:00', '2026-02-02 10:00'));
		const backlog = await gridRow(t.db, { status: 'handling', reportedAt: jan10, deadlineAt: endOf('2026-01-20') });
		// The last day of January at 24:00 is January; a minute later is February.
		const edge = await gridRow(t.db, {
			status: 'closed',
			reportedAt: jan10,
			deadlineAt: endOf('2026-01-31'),
			efficientAt: endOf('2026-01-31'),
			feedbackAt: at('2026-01-30 10:00'),
			closedAt: at('2026-01-30 12:00')
		});
		await gridRow(t.db, {
			status: 'closed',
			reportedAt: jan10,
			deadlineAt: endOf('2026-01-31') + 60_000,
			feedbackAt: at('2026-01-30 10:00'),
			closedAt: at('2026-01-30 12:00')
		});
		const voided = await gridRow(t.db, { status: 'void', reportedAt: jan10, closedAt: jan10 + 1000 });
		const parked = await gridRow(t.db, { status: 'parked', reportedAt: jan10, deadlineAt: endOf('2026-01-15') });
		const stock = await gridRow(t.db, {
			status: 'closed',
			category: 'SH-XQGL-02',
			reportedAt: jan10,
			feedbackAt: at('2026-01-20 10:00'),
			closedAt: at('2026-01-21 10:00')
		});
		const future = await gridRow(t.db, {
			status: 'handling',
			reportedAt: at('2026-03-14 10:00'),
			deadlineAt: endOf('2026-03-20')
		});

		const s = await computeStats(t.db, JAN[0], JAN[1], null, NOW);
		expect(s.total.rates.grid_on_time).toEqual({ numerator: 3, denominator: 5, excluded: 3, undecided: 0 });
		expect(s.total.rates.grid_efficient).toEqual({ numerator: 2, denominator: 5, excluded: 3, undecided: 0 });
		const ids = async (rate: 'grid_on_time' | 'grid_efficient', part: 'numerator' | 'missed' | 'excluded') =>
			(await drillDown(t.db, { rate, part, from: JAN[0], to: JAN[1] }, NOW)).ids.sort((a, b) => a - b);
		expect(await ids('grid_on_time', 'numerator')).toEqual([onTimeEfficient, onTimeSlow, edge]);
		expect(await ids('grid_on_time', 'missed')).toEqual([lateClosed, backlog]);
		expect(await ids('grid_on_time', 'excluded')).toEqual([voided, parked, stock]);
		expect(await ids('grid_efficient', 'numerator')).toEqual([onTimeEfficient, edge]);
		// 返工率 counts by the close date: five cases closed in January (one in February does not count), one with a 返工.
		expect(s.total.rates.rework).toMatchObject({ numerator: 1, denominator: 5 });
		expect(s.total.volumes.stock_structures_closed).toBe(1);

		// In March, the open case is not decided yet: listed, not counted.
		const march = await computeStats(t.db, '2026-03-01', '2026-03-31', null, NOW);
		expect(march.total.rates.grid_on_time).toEqual({ numerator: 0, denominator: 0, excluded: 0, undecided: 1 });
		expect(
			(await drillDown(t.db, { rate: 'grid_on_time', part: 'undecided', from: '2026-03-01', to: '2026-03-31' }, NOW))
				.ids
		).toEqual([future]);
	});

	it('changing one case moves the rate: nothing is stored', async () => {
		const id = await gridRow(t.db, januaryCase('2026-01-11 10:00', '2026-01-13 10:00', { efficientAt: null }));
		expect((await computeStats(t.db, JAN[0], JAN[1], null, NOW)).total.rates.grid_on_time).toMatchObject({
			numerator: 1,
			denominator: 1
		});
		await t.db
			.updateTable('cases')
			.set({ feedback_at: at('2026-01-13 09:00') })
			.where('id', '=', id)
			.execute();
		expect((await computeStats(t.db, JAN[0], JAN[1], null, NOW)).total.rates.grid_on_time).toMatchObject({
			numerator: 0,
			denominator: 1
		});
	});

	it('groups by month across a year edge', async () => {
		await gridRow(t.db, {
			status: 'closed',
			reportedAt: at('2025-12-30 09:00'),
			deadlineAt: endOf('2025-12-31'),
			feedbackAt: at('2025-12-31 10:00'),
			closedAt: at('2026-01-02 10:00')
		});
		await gridRow(t.db, {
			status: 'closed',
			reportedAt: at('2025-12-30 09:00'),
			deadlineAt: endOf('2026-01-02'),
			feedbackAt: at('2026-01-03 10:00'),
			closedAt: at('2026-01-04 10:00')
		});
		const s = await computeStats(t.db, '2025-12-01', '2026-01-31', 'month', NOW);
		expect(s.groups.map((g) => [g.key, g.rates.grid_on_time.numerator, g.rates.grid_on_time.denominator])).toEqual([
			['2025-12', 1, 1],
			['2026-01', 0, 1]
		]);
		expect(s.groups.find((g) => g.key === '2025-12')!.volumes.reported).toBe(2);
	});
});

describe('the 核查 backlog rule', () => {
	it('an in-time 处置反馈 waiting for 核查 is undecided until the 核查 limit, late after it, and on time once the 核查 passes; counts and rows agree', async () => {
		// Feedback at 17:00 on the last day; the handling deadline is 24:00; the 核查's own 2 working hours end the next morning.
		const deadlineAt = endOf('2026-01-30');
		const checkDueAt = at('2026-02-02 10:00');
		const id = await gridRow(t.db, {
			status: 'feedback',
			reportedAt: at('2026-01-26 09:00'),
			deadlineAt,
			efficientAt: at('2026-01-28 12:00'),
			feedbackAt: at('2026-01-30 17:00'),
			stageDeadlineAt: checkDueAt
		});
		await gridRow(t.db, {
			status: 'closed',
			reportedAt: at('2026-01-26 09:00'),
			deadlineAt,
			feedbackAt: at('2026-01-27 10:00'),
			closedAt: at('2026-01-27 15:00')
		});
		await rebuildCounts(t.db, { write: true });
		const both = async (now: number) => {
			const [rows, counts] = await Promise.all([
				statsFromEntries(t.db, JAN[0], JAN[1], null, now),
				statsFromCounts(t.db, JAN[0], JAN[1], null, now)
			]);
			expect(counts.total.rates).toEqual(rows.total.rates);
			return rows.total.rates.grid_on_time;
		};
		expect(await both(deadlineAt + 1)).toMatchObject({ numerator: 1, denominator: 1, undecided: 1 });
		expect(await both(checkDueAt)).toMatchObject({ numerator: 1, denominator: 1, undecided: 1 });
		expect(await both(checkDueAt + 1)).toMatchObject({ numerator: 1, denominator: 2, undecided: 0 });
		expect(
			(await drillDown(t.db, { rate: 'grid_on_time', part: 'missed', from: JAN[0], to: JAN[1] }, checkDueAt + 1)).ids
		).toEqual([id]);

		// The 核查 passes a day late: the case is decided by its feedback, in time.
		await t.db.updateTable('cases').set({ status: 'checked', stage_deadline_at: null }).where('id', '=', id).execute();
		await rebuildCounts(t.db, { write: true });
		expect(await both(at('2026-02-03 10:00'))).toMatchObject({ numerator: 2, denominator: 2, undecided: 0 });
	});
});

describe('12345 rates', () => {
	it('先行联系率 and 按时办结率 with their exclusions', async () => {
		const rx = at('2026-01-05 10:00');
		const due = endOf('2026-01-06');
		await orderRow(t.db, {
			receivedAt: rx,
			firstContactDueAt: due,
			firstContactAt: at('2026-01-06 09:00'),
			deadlineAt: endOf('2026-01-12'),
			firstReplyAt: at('2026-01-09 10:00'),
			satisfaction: '满意',
			completedAt: at('2026-01-10 10:00')
		});
		await orderRow(t.db, {
			receivedAt: rx,
			firstContactDueAt: due,
			firstContactAt: at('2026-01-07 09:00'),
			deadlineAt: endOf('2026-01-12'),
			firstReplyAt: at('2026-01-13 10:00'),
			satisfaction: '不满意',
			completedAt: at('2026-01-14 10:00')
		});
		await orderRow(t.db, {
			receivedAt: rx,
			firstContactDueAt: due,
			hasPhone: false,
			deadlineAt: endOf('2026-01-12'),
			firstReplyAt: at('2026-01-09 10:00'),
			satisfaction: 'unreachable',
			completedAt: at('2026-01-10 10:00')
		});
		await orderRow(t.db, {
			receivedAt: rx,
			firstContactDueAt: due,
			outcome: 'declined',
			firstContactAt: at('2026-01-06 09:00'),
			deadlineAt: endOf('2026-01-12'),
			status: 'handling'
		});
		await orderRow(t.db, {
			receivedAt: rx,
			firstContactDueAt: due,
			returnApprovedAt: at('2026-01-06 10:00'),
			deadlineAt: endOf('2026-01-12'),
			status: 'returned'
		});
		const s = await computeStats(t.db, JAN[0], JAN[1], null, NOW);
		expect(s.total.rates.first_contact).toEqual({ numerator: 1, denominator: 2, excluded: 3, undecided: 0 });
		// The declined order is open past its deadline: late. The returned one is left out.
		expect(s.total.rates.hotline_on_time).toEqual({ numerator: 2, denominator: 4, excluded: 1, undecided: 0 });
		expect(s.total.rates.satisfaction).toEqual({ numerator: 1, denominator: 2, excluded: 1, undecided: 0 });
		expect(s.total.rates.return).toMatchObject({ numerator: 1, denominator: 5 });
		expect(s.total.volumes.orders_received).toBe(5);
	});
});

describe('volumes by reporter', () => {
	it('groups grid cases by who reported them; 12345 orders have no reporter', async () => {
		await gridRow(t.db, januaryCase('2026-01-11 10:00', '2026-01-13 10:00', { efficientAt: null }));
		await orderRow(t.db, { receivedAt: at('2026-01-05 10:00'), deadlineAt: endOf('2026-01-12') });
		const s = await computeStats(t.db, JAN[0], JAN[1], 'worker', NOW);
		const wangge = String(t.users.get('wangge'));
		expect(s.groups.map((g) => [g.key, g.volumes.reported, g.volumes.orders_received])).toEqual([
			['', 0, 1],
			[wangge, 1, 0]
		]);
	});
});
