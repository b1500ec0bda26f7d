import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { at, HOUR } from '$lib/domain/fixtures/time';
import { taskFilter, taskStatuses } from '$lib/domain/tasks';
import type { Updateable } from 'kysely';
import type { CaseUpdate } from '../db/schema';
import type { HotlineOrderTable } from '../db/schema-hotline';
import { listTasks } from '../repositories/cases';
import { listOrders } from '../repositories/hotline-order-lists';
import { actorOf, createTestDb, type TestDb } from '../test-db';
import { gridRow, orderRow } from './stats/fixtures';
import { countWork } from './work-counts';
import { viewScope } from '$lib/domain/access';

let t: TestDb;
beforeEach(async () => {
	t = await createTestDb();
});
afterEach(() => t.cleanup());

const NOW = at('2026-03-15 10:00');
const OVERDUE = NOW - HOUR;
const DUE_SOON = NOW + 2 * HOUR;
const LATER = NOW + 72 * HOUR;

async function caseWith(status: string, set: CaseUpdate): Promise<number> {
	const id = await gridRow(t.db, { status, reportedAt: NOW - 96 * HOUR });
	await t.db.updateTable('cases').set(set).where('id', '=', id).execute();
	return id;
}
async function orderWith(status: string, set: Updateable<HotlineOrderTable>): Promise<number> {
	const id = await orderRow(t.db, { receivedAt: NOW - 48 * HOUR, deadlineAt: LATER, status });
	await t.db.updateTable('hotline_orders').set(set).where('id', '=', id).execute();
	return id;
}
const community = (name: string) =>
	t.db.selectFrom('communities').select(['id', 'area_id']).where('name', '=', name).executeTakeFirstOrThrow();
const department = (name: string) =>
	t.db.selectFrom('departments').select('id').where('name', '=', name).executeTakeFirstOrThrow();

describe('countWork: the header badge', () => {
	it('a grid worker counts the cases waiting for 核查 in the own 居民区, never one they handled, as /tasks lists them', async () => {
		const own = await community('东兰一居');
		const other = await community('东兰二居');
		const here = { community_id: own.id, area_id: own.area_id };
		await caseWith('feedback', { ...here, stage_deadline_at: OVERDUE });
		await caseWith('feedback', { ...here, stage_deadline_at: DUE_SOON });
		await caseWith('feedback', { ...here, stage_deadline_at: LATER, handler_id: t.users.get('wangge')! }); // handled by them
		await caseWith('feedback', { community_id: other.id, area_id: other.area_id, stage_deadline_at: OVERDUE }); // another 居民区
		await caseWith('handling', { ...here, stage_deadline_at: OVERDUE }); // not theirs to do
		const wangge = await actorOf(t.db, 'wangge');
		const counts = await countWork(t.db, wangge, NOW);
		expect(counts).toEqual({
			todo: 2,
			overdue: 1,
			dueSoon: 1,
			cases: { todo: 2, overdue: 1, dueSoon: 1 },
			orders: { todo: 0, overdue: 0, dueSoon: 0 }
		});
		expect((await listTasks(t.db, viewScope(wangge), taskStatuses('grid_worker'), taskFilter(wangge))).length).toBe(2);
		// The second worker of the 居民区 may check the one wangge handled.
		expect((await countWork(t.db, await actorOf(t.db, 'wangge2'), NOW))!.todo).toBe(3);
	});

	it("a handler counts the department's cases and 12345 orders to 签收, and what of theirs is overdue or due soon", async () => {
		const own = (await department('城管中队')).id;
		const other = (await department('市容所')).id;
		await caseWith('dispatched', { department_id: own, stage_deadline_at: DUE_SOON });
		await caseWith('dispatched', { department_id: own, stage_deadline_at: LATER });
		await caseWith('handling', { department_id: own, stage_deadline_at: OVERDUE }); // being handled: overdue, not new
		await caseWith('dispatched', { department_id: other, stage_deadline_at: OVERDUE }); // another department
		await caseWith('return_requested', { department_id: own, stage_deadline_at: OVERDUE }); // waits on the centre
		await orderWith('assigned', { department_id: own, due_at: LATER, warn_at: LATER - HOUR });
		await orderWith('handling', { department_id: own, due_at: OVERDUE, warn_at: OVERDUE - HOUR });
		await orderWith('redo', { department_id: own, due_at: DUE_SOON, warn_at: NOW - HOUR });
		await orderWith('assigned', { department_id: other, due_at: OVERDUE, warn_at: OVERDUE - HOUR }); // another department
		await orderWith('extension_requested', { department_id: own, due_at: OVERDUE, warn_at: OVERDUE - HOUR }); // waits on the centre
		const chengguan = await actorOf(t.db, 'chengguan');
		const counts = await countWork(t.db, chengguan, NOW);
		expect(counts!.cases).toEqual({ todo: 2, overdue: 1, dueSoon: 1 });
		expect(counts!.orders).toEqual({ todo: 1, overdue: 1, dueSoon: 1 });
		expect(counts).toMatchObject({ todo: 3, overdue: 2, dueSoon: 2 });
		// The overdue order is the one the hotline's overdue queue shows among theirs.
		const overdueQueue = await listOrders(t.db, chengguan, { queue: 'overdue' }, NOW);
		expect(overdueQueue.rows.filter((r) => ['assigned', 'handling', 'redo'].includes(r.status))).toHaveLength(1);
	});

	it('the dispatcher counts reports to 受理, approvals waiting and orders to assign', async () => {
		await caseWith('reported', { stage_deadline_at: OVERDUE });
		await caseWith('return_requested', { stage_deadline_at: LATER });
		await caseWith('extension_requested', { stage_deadline_at: DUE_SOON });
		await caseWith('accepted', { stage_deadline_at: OVERDUE }); // 立案 waiting: overdue, not new
		await caseWith('handling', { stage_deadline_at: OVERDUE }); // the department's
		await orderWith('received', { department_id: null, due_at: LATER, warn_at: LATER - HOUR });
		await orderWith('return_requested', { due_at: OVERDUE, warn_at: OVERDUE - HOUR });
		await orderWith('handling', { due_at: OVERDUE, warn_at: OVERDUE - HOUR }); // the department's
		const counts = await countWork(t.db, await actorOf(t.db, 'diaodu'), NOW);
		expect(counts!.cases).toEqual({ todo: 3, overdue: 2, dueSoon: 1 });
		expect(counts!.orders).toEqual({ todo: 2, overdue: 1, dueSoon: 0 });
	});

	it("a change moves the count: 签收 takes the case off the handler's new work", async () => {
		const own = (await department('城管中队')).id;
		const id = await caseWith('dispatched', { department_id: own, stage_deadline_at: LATER });
		const chengguan = await actorOf(t.db, 'chengguan');
		expect((await countWork(t.db, chengguan, NOW))!.todo).toBe(1);
		await t.db.updateTable('cases').set({ status: 'handling' }).where('id', '=', id).execute();
		expect((await countWork(t.db, chengguan, NOW))!.todo).toBe(0);
	});

	it.each(['lingdao', 'admin', 'zhifa'])('%s has no work list: no counts', async (username) => {
		expect(await countWork(t.db, await actorOf(t.db, username), NOW)).toBeNull();
	});
});
