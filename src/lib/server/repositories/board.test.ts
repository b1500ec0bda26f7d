import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OPEN_STATUSES } from '$lib/domain/case-status';
import { at, HOUR } from '$lib/domain/fixtures/time';
import type { CaseUpdate } from '../db/schema';
import { gridRow, orderRow } from '../services/stats/fixtures';
import { createTestDb, type TestDb } from '../test-db';
import { BOARD_METRICS, type BoardCounts } from '$lib/domain/board';
import { loadBoard } from './board';
import { listCases, type CaseFilters } from './case-list';
import { insertSealed } from './sealed';

let t: TestDb;
beforeEach(async () => {
	t = await createTestDb();
});
afterEach(() => t.cleanup());

const NOW = at('2026-03-15 10:00');

/** A case in the first community (as the fixture files it), then the fields the board reads. */
async function caseWith(status: string, set: CaseUpdate = {}): Promise<number> {
	const id = await gridRow(t.db, { status, reportedAt: NOW - 72 * HOUR });
	if (Object.keys(set).length) await t.db.updateTable('cases').set(set).where('id', '=', id).execute();
	return id;
}

const zero = (): BoardCounts => Object.fromEntries(BOARD_METRICS.map((k) => [k, 0])) as BoardCounts;

describe('live board', () => {
	it('counts the open work per 片区, 居民区 and department; each count matches the list it links to', async () => {
		const community = await t.db.selectFrom('communities').selectAll().orderBy('id').executeTakeFirstOrThrow();
		await caseWith('handling', { stage_deadline_at: NOW + 2 * HOUR }); // due soon
		await caseWith('handling', { stage_deadline_at: NOW + 30 * HOUR }); // neither
		await caseWith('handling', { stage_deadline_at: NOW - HOUR }); // overdue
		await caseWith('dispatched', { stage_deadline_at: NOW + 48 * HOUR }); // awaiting 签收
		await caseWith('return_requested'); // 回退 awaiting approval
		const reassign = await caseWith('registered', { department_id: null }); // approved 回退, awaiting 改派
		const returned = {
			case_id: reassign,
			at: NOW - HOUR,
			actor_id: t.users.get('diaodu')!,
			action: 'approve_return',
			from_status: 'return_requested',
			to_status: 'registered',
			note: null,
			payload: null
		};
		await insertSealed(t.db, 'case_events', [returned]);
		await caseWith('registered', { department_id: null }); // a fresh 待派遣: not returned
		await caseWith('extension_requested', { supervised: 1 }); // 延期 awaiting, and 督办
		await caseWith('closed', { supervised: 1, stage_deadline_at: NOW - HOUR }); // finished: nowhere
		// 处置反馈 in time, 核查 past its limit and past the handling deadline: overdue, and counted late (核查超时).
		await caseWith('feedback', {
			feedback_at: NOW - 30 * HOUR,
			deadline_at: NOW - 24 * HOUR,
			stage_deadline_at: NOW - 28 * HOUR
		});
		// 处置反馈 in time, 核查 step overdue but the handling deadline not reached: overdue only.
		await caseWith('feedback', {
			feedback_at: NOW - 5 * HOUR,
			deadline_at: NOW + 24 * HOUR,
			stage_deadline_at: NOW - 3 * HOUR
		});
		await caseWith('void'); // nowhere
		await orderRow(t.db, { receivedAt: NOW - 24 * HOUR, deadlineAt: NOW + 72 * HOUR, status: 'handling' }); // signed, no contact yet
		await t.db.updateTable('hotline_orders').set({ community_id: community.id, area_id: community.area_id }).execute();
		await orderRow(t.db, { receivedAt: NOW - 24 * HOUR, deadlineAt: NOW + 72 * HOUR, status: 'handling' }); // no 居民区
		await orderRow(t.db, {
			receivedAt: NOW - 24 * HOUR,
			deadlineAt: NOW + 72 * HOUR,
			firstContactAt: NOW - HOUR,
			status: 'handling'
		}); // contacted

		const expected: BoardCounts = {
			open: 10,
			due_soon: 1,
			overdue: 3,
			check_late: 1,
			awaiting_sign: 1,
			returned: 2,
			extension: 1,
			supervised: 1,
			awaiting_contact: 1
		};
		const byArea = await loadBoard(t.db, 'area', NOW);
		const area = byArea.rows.find((r) => r.id === community.area_id)!;
		expect(area.counts).toEqual(expected);
		// Every other current 片区 is listed, with zeros; the order without a 居民区 is unplaced.
		expect(
			byArea.rows
				.filter((r) => r.id !== community.area_id)
				.every((r) => JSON.stringify(r.counts) === JSON.stringify(zero()))
		).toBe(true);
		expect(byArea.rows.length).toBeGreaterThanOrEqual(3);
		expect(byArea.unplaced).toEqual({ ...zero(), awaiting_contact: 1 });
		expect(byArea.total).toEqual({ ...expected, awaiting_contact: 2 });

		const byCommunity = await loadBoard(t.db, 'community', NOW);
		expect(byCommunity.rows.find((r) => r.id === community.id)!.counts).toEqual(expected);

		// Per department: the two 待派遣 cases have none yet.
		const byDepartment = await loadBoard(t.db, 'department', NOW);
		expect(byDepartment.rows.find((r) => r.id === 2)!.counts).toEqual({
			...expected,
			open: 8,
			returned: 1,
			awaiting_contact: 2
		});
		expect(byDepartment.unplaced).toEqual({ ...zero(), open: 2, returned: 1 });

		// The case list, filtered as the board links, finds exactly the counted cases.
		const open = [...OPEN_STATUSES];
		const links: [keyof BoardCounts, CaseFilters][] = [
			['open', { status: open }],
			['due_soon', { dueSoon: true }],
			['overdue', { overdue: true }],
			['check_late', { checkLate: true }],
			['awaiting_sign', { status: ['dispatched'] }],
			['returned', { returned: true }],
			['extension', { status: ['extension_requested'] }],
			['supervised', { supervised: true, status: open }]
		];
		for (const [metric, filters] of links) {
			const listed = await listCases(t.db, { kind: 'all' }, { ...filters, areaId: community.area_id }, NOW);
			expect([metric, listed.total]).toEqual([metric, expected[metric]]);
			const inDepartment = await listCases(t.db, { kind: 'all' }, { ...filters, departmentId: 2 }, NOW);
			expect([metric, inDepartment.total]).toEqual([metric, byDepartment.rows.find((r) => r.id === 2)!.counts[metric]]);
		}
	});

	it('an empty street shows every group with zeros', async () => {
		const board = await loadBoard(t.db, 'community', NOW);
		expect(board.rows.length).toBeGreaterThan(30);
		expect(board.unplaced).toBeNull();
		expect(board.total).toEqual(zero());
	});
});
