import { afterAll, beforeAll, expect } from 'vitest';
import { at, endOf } from '$lib/domain/fixtures/time';
import type { HotlineAction } from '$lib/domain/hotline-status';
import type { HotlineCommand } from '$lib/domain/hotline-workflow';
import { validateOrderRecord, type OrderColumnKey } from '$lib/domain/hotline-order-input';
import type { WorkCalendar } from '$lib/domain/working-days';
import { validCommands } from '$lib/domain/hotline-workflow.fixtures';
import { photoDir } from '../../config';
import type { PhotoInput } from '../../photos';
import { loadCalendar } from '../../repositories/calendar';
import { orderValidationContext } from '../../repositories/hotline-reference';
import { actorOf, createTestDb, jpeg, listFiles, type TestDb } from '../../test-db';
import { ingestOrders } from './ingest';
import { applyHotlineAction } from './order-actions';

// Shared setup of the order-actions.*.test.ts files (and others that act on orders). Each file calls
// useOrderActionsDb() once at top level and reads its database, calendar, photo and departments through the handle.

export const RECEIVED = '2026-09-28 09:15'; // Monday

/** What one test file's database holds for the helpers below; read through the handle useOrderActionsDb() returns. */
interface OrderActionsDb {
	t: TestDb;
	calendar: WorkCalendar;
	photo: PhotoInput;
	chengguanDept: number;
	shirongDept: number;
}
let current: OrderActionsDb | undefined;
let serial = 0;
const w = (): OrderActionsDb => {
	if (!current) throw new Error('call useOrderActionsDb() at the top of the test file');
	return current;
};

/**
 * Registers the file's hooks: a fresh test database (with its own photo directory) for the whole file. The handle's
 * fields are ready inside the tests: the database, the demo users, the official calendar, one evidence JPEG and the
 * ids of 城管中队 and 市容所.
 */
export function useOrderActionsDb() {
	beforeAll(async () => {
		const t = await createTestDb();
		const dept = async (name: string) =>
			(await t.db.selectFrom('departments').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id;
		current = {
			t,
			calendar: await loadCalendar(t.db),
			photo: await jpeg('evidence.jpg'),
			chengguanDept: await dept('城管中队'),
			shirongDept: await dept('市容所')
		};
	});
	afterAll(async () => {
		await current?.t.cleanup();
		current = undefined;
	});
	return {
		get db() {
			return w().t.db;
		},
		/** Demo user ids by username. */
		get users() {
			return w().t.users;
		},
		get calendar() {
			return w().calendar;
		},
		get photo() {
			return w().photo;
		},
		get chengguanDept() {
			return w().chengguanDept;
		},
		get shirongDept() {
			return w().shirongDept;
		}
	};
}

export const row = (id: number) =>
	w().t.db.selectFrom('hotline_orders').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
export const events = (id: number) =>
	w().t.db.selectFrom('hotline_events').selectAll().where('order_id', '=', id).orderBy('id').execute();
export const attachments = (id: number) =>
	w().t.db.selectFrom('hotline_attachments').selectAll().where('order_id', '=', id).execute();

/** A new 投诉 (5 wd) order, received at RECEIVED, as the import brings it in. */
export const newOrder = (orderType = '投诉'): Promise<number> =>
	enteredOrder(w().t, w().calendar, {
		orderNo: `OA-${++serial}`,
		channel: '12345热线',
		orderType,
		citizenName: '张三',
		phone: '13812345678',
		address: '古美路 1000 弄',
		content: '夜间施工噪音',
		receivedAt: RECEIVED
	});

/** An order record checked and brought in as 调度 enters it, at 09:20 on the day of RECEIVED; its id. */
export async function enteredOrder(
	td: TestDb,
	workCalendar: WorkCalendar,
	record: Partial<Record<OrderColumnKey, string>>
): Promise<number> {
	const ctx = await orderValidationContext(td.db, at('2026-09-28 10:00'));
	const r = validateOrderRecord(record, ctx);
	if (!r.ok) throw new Error(JSON.stringify(r.errors));
	const res = await ingestOrders(td.db, [r.order], {
		origin: 'manual',
		importId: null,
		actorId: td.users.get('diaodu')!,
		apiKeyId: null,
		now: at('2026-09-28 09:20'),
		calendar: workCalendar
	});
	return res.created[0].id;
}

/** One action by a demo user, at the order's current version unless told otherwise. */
export async function act(
	username: string,
	id: number,
	cmd: HotlineCommand,
	when: number,
	evidence: PhotoInput[] = [],
	version?: number
) {
	const { db } = w().t;
	return applyHotlineAction(
		db,
		await actorOf(db, username),
		id,
		version ?? (await row(id)).version,
		cmd,
		evidence,
		when
	);
}

export async function ok(username: string, id: number, cmd: HotlineCommand, when: number, evidence: PhotoInput[] = []) {
	const r = await act(username, id, cmd, when, evidence);
	if (!r.ok) throw new Error(`${username} ${cmd.action}: ${JSON.stringify(r)}`);
	return r;
}

/** 城管中队's handler reaches the citizen by phone at 09-28 11:00 (先行联系), entered five minutes later. */
export const contactedByPhone = (id: number, summary: string) =>
	ok(
		'chengguan',
		id,
		{ action: 'first_contact', at: at('2026-09-28 11:00'), outcome: 'contacted', method: 'phone', summary },
		at('2026-09-28 11:05')
	);

/** An order assigned to 城管中队 and signed by its handler at 09-28 10:00 (first contact not yet made). */
export async function handlingOrder(orderType = '投诉'): Promise<number> {
	const id = await newOrder(orderType);
	await ok('diaodu', id, { action: 'assign', departmentId: w().chengguanDept }, at('2026-09-28 09:30'));
	await ok('chengguan', id, { action: 'sign' }, at('2026-09-28 10:00'));
	return id;
}

/** Runs `fn` and asserts it changed neither the order row nor its event log nor its evidence. */
export async function expectNothingWritten(id: number, fn: () => Promise<unknown>) {
	const before = {
		row: await row(id),
		events: await events(id),
		attachments: await attachments(id),
		files: listFiles(photoDir())
	};
	await fn();
	expect({
		row: await row(id),
		events: await events(id),
		attachments: await attachments(id),
		files: listFiles(photoDir())
	}).toEqual(before);
}

/** One command per action, each valid in its own state. */
export const COMMANDS: Record<HotlineAction, HotlineCommand> = validCommands({
	departmentId: 1,
	contactAt: at('2026-09-28 10:00'),
	proposedDeadline: endOf('2026-10-12')
});
