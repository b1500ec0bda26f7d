import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { at, HOUR } from '$lib/domain/fixtures/time';
import type { CaseUpdate } from '../db/schema';
import { actorOf, createTestDb, type TestDb } from '../test-db';
import { queryPlan } from '../test-dialect.fixtures';
import { REPORTED_PAGE_SIZE } from '../repositories/cases';
import { gridRow, orderRow } from './stats/fixtures';
import { loadReportedList, loadWorkList } from './work-list';

let t: TestDb;
beforeEach(async () => {
	t = await createTestDb();
});
afterEach(() => t.cleanup());

const NOW = at('2026-03-16 10:00');
const DEPT = 2; // 市容所: the fixtures' department, shirong's

async function caseWith(status: string, set: CaseUpdate): Promise<string> {
	const id = await gridRow(t.db, { status, reportedAt: NOW - 48 * HOUR });
	await t.db.updateTable('cases').set(set).where('id', '=', id).execute();
	return (await t.db.selectFrom('cases').select('code').where('id', '=', id).executeTakeFirstOrThrow()).code;
}

async function orderWith(status: string, dueAt: number | null, departmentId: number | null = DEPT): Promise<string> {
	const id = await orderRow(t.db, { receivedAt: NOW - 24 * HOUR, deadlineAt: NOW + 72 * HOUR, status });
	await t.db
		.updateTable('hotline_orders')
		.set({ due_at: dueAt, warn_at: dueAt, department_id: departmentId, citizen_name: '张三', phone: '13812345678' })
		.where('id', '=', id)
		.execute();
	return (await t.db.selectFrom('hotline_orders').select('order_no').where('id', '=', id).executeTakeFirstOrThrow())
		.order_no;
}

const codes = async (username: string) =>
	(await loadWorkList(t.db, await actorOf(t.db, username))).map((i) => `${i.kind}:${i.code}`);

describe('my tasks: cases and 12345 orders in one list', () => {
	it('a handler gets the department’s cases and orders waiting on them, overdue first, nothing of another department', async () => {
		const dueIn5h = await caseWith('dispatched', { stage_deadline_at: NOW + 5 * HOUR });
		const overdueCase = await caseWith('handling', { stage_deadline_at: NOW - HOUR });
		await caseWith('parked', { stage_deadline_at: null }); // waits on the dispatcher (解挂), not on the department
		const otherCase = await caseWith('dispatched', { department_id: 3, stage_deadline_at: NOW - 9 * HOUR }); // 房办's
		await caseWith('closed', { stage_deadline_at: NOW - 9 * HOUR });
		const toSign = await orderWith('assigned', NOW - 3 * HOUR);
		const toContact = await orderWith('handling', NOW + 2 * HOUR);
		const redo = await orderWith('redo', NOW + 30 * HOUR);
		const otherOrder = await orderWith('handling', NOW - 8 * HOUR, 3); // 房办's
		await orderWith('replied', null); // waits on the dispatcher's 回访
		await orderWith('extension_requested', NOW - 9 * HOUR); // waits on the dispatcher's decision
		await orderWith('completed', null);

		expect(await codes('shirong')).toEqual([
			`order:${toSign}`,
			`case:${overdueCase}`,
			`order:${toContact}`,
			`case:${dueIn5h}`,
			`order:${redo}`
		]);
		expect(await codes('fangban')).toEqual([`case:${otherCase}`, `order:${otherOrder}`]);
	});

	it('each row says what it is, where it opens, and carries no citizen name or phone', async () => {
		await orderWith('handling', NOW + 2 * HOUR);
		await caseWith('dispatched', { stage_deadline_at: NOW + 5 * HOUR });
		const items = await loadWorkList(t.db, await actorOf(t.db, 'shirong'));
		expect(items.map((i) => [i.kind, i.status, i.category])).toEqual([
			['order', 'handling', '求助'],
			['case', 'dispatched', '暴露垃圾']
		]);
		expect(items[0]).toMatchObject({
			deadlineAt: NOW + 2 * HOUR,
			warnAt: NOW + 2 * HOUR,
			paused: false,
			finished: false
		});
		const text = JSON.stringify(items);
		expect(text).not.toContain('13812345678');
		expect(text).not.toContain('张三');
	});

	it('the dispatcher gets the orders to 派单, to decide and to 回访, with the cases waiting on them', async () => {
		const reported = await caseWith('reported', { department_id: null, stage_deadline_at: NOW + HOUR });
		await caseWith('dispatched', { stage_deadline_at: NOW - HOUR });
		const received = await orderWith('received', NOW + 40 * HOUR, null);
		const extension = await orderWith('extension_requested', NOW + 4 * HOUR);
		const revisit = await orderWith('replied', null);
		await orderWith('handling', NOW - HOUR);
		expect(await codes('diaodu')).toEqual([
			`case:${reported}`,
			`order:${extension}`,
			`order:${received}`,
			`order:${revisit}`
		]);
	});

	it('leadership, admins and grid workers get no 12345 orders; a handler without a department gets nothing', async () => {
		await orderWith('received', NOW, null);
		await orderWith('handling', NOW);
		for (const username of ['lingdao', 'admin', 'wangge'])
			expect([username, await codes(username)]).toEqual([username, []]);
		await t.db.updateTable('users').set({ department_id: null }).where('username', '=', 'shirong').execute();
		expect(await codes('shirong')).toEqual([]);
	});
});

describe('我上报的', () => {
	it('lists only the cases this person reported, newest first, a page at a time', async () => {
		const ids: number[] = [];
		for (let i = 0; i < REPORTED_PAGE_SIZE + 3; i++)
			ids.push(await gridRow(t.db, { status: i % 2 ? 'closed' : 'handling', reportedAt: NOW - i * HOUR }));
		const someoneElse = await gridRow(t.db, { status: 'handling', reportedAt: NOW + HOUR });
		await t.db
			.updateTable('cases')
			.set({ reporter_id: t.users.get('wangge2')! })
			.where('id', '=', someoneElse)
			.execute();

		const wangge = await actorOf(t.db, 'wangge');
		const first = await loadReportedList(t.db, wangge, 1);
		expect([first.total, first.pageCount, first.rows.length]).toEqual([REPORTED_PAGE_SIZE + 3, 2, REPORTED_PAGE_SIZE]);
		expect(first.rows.map((r) => r.id)).toEqual(ids.slice(0, REPORTED_PAGE_SIZE));
		expect(first.rows[0]).toMatchObject({ kind: 'case', reportedAt: NOW, finished: false });
		expect(first.rows[1]).toMatchObject({ finished: true });
		const second = await loadReportedList(t.db, wangge, 2);
		expect(second.rows.map((r) => r.id)).toEqual(ids.slice(REPORTED_PAGE_SIZE));

		const other = await loadReportedList(t.db, await actorOf(t.db, 'wangge2'), 1);
		expect(other.rows.map((r) => r.id)).toEqual([someoneElse]);
		expect((await loadReportedList(t.db, await actorOf(t.db, 'diaodu'), 1)).total).toBe(0);
	});

	it('is read from the reporter index, not by walking every case', async () => {
		const plan = await queryPlan(
			t.db,
			'SELECT id FROM cases WHERE reporter_id = 1 ORDER BY reported_at DESC, id DESC LIMIT 20'
		);
		expect(plan).toContain('cases_reporter_id_reported_at');
	});
});
