import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeDeadline } from '$lib/domain/deadlines';
import { HOTLINE_ACTIONS, type HotlineAction } from '$lib/domain/hotline-status';
import { HOTLINE_LIMITS } from '$lib/domain/hotline-stages';
import type { HotlineCommand } from '$lib/domain/hotline-workflow';
import { validateOrderRecord } from '$lib/domain/hotline-order-input';
import type { WorkCalendar } from '$lib/domain/working-days';
import { photoDir } from '../../config';
import type { PhotoInput } from '../../photos';
import { loadCalendar } from '../../repositories/calendar';
import { orderValidationContext } from '../../repositories/hotline-reference';
import { actorOf, createTestDb, jpeg, listFiles, type TestDb } from '../../test-db';
import { ingestOrders } from './ingest';
import { applyHotlineAction } from './order-actions';

/** Asia/Shanghai wall time, explicit +08:00 so the process TZ never matters. */
const at = (s: string) => Date.parse(`${s.replace(' ', 'T')}:00+08:00`);
const endOf = (date: string) => at(`${date} 00:00`) + 86_400_000;
const RECEIVED = '2026-09-28 09:15'; // Monday

let t: TestDb;
let calendar: WorkCalendar;
let photo: PhotoInput;
let chengguanDept: number;
let shirongDept: number;
let serial = 0;

beforeAll(async () => {
	t = await createTestDb();
	calendar = await loadCalendar(t.db);
	photo = await jpeg('evidence.jpg');
	const dept = async (name: string) => (await t.db.selectFrom('departments').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id;
	chengguanDept = await dept('城管中队');
	shirongDept = await dept('市容所');
});
afterAll(async () => {
	await t.cleanup();
});

const row = (id: number) => t.db.selectFrom('hotline_orders').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const events = (id: number) => t.db.selectFrom('hotline_events').selectAll().where('order_id', '=', id).orderBy('id').execute();
const attachments = (id: number) => t.db.selectFrom('hotline_attachments').selectAll().where('order_id', '=', id).execute();

/** A new 投诉 (5 wd) order, received at RECEIVED, as the import brings it in. */
async function newOrder(orderType = '投诉'): Promise<number> {
	const ctx = await orderValidationContext(t.db, at('2026-09-28 10:00'));
	const r = validateOrderRecord(
		{ orderNo: `OA-${++serial}`, channel: '12345热线', orderType, citizenName: '张三', phone: '13812345678', address: '古美路 1000 弄', content: '夜间施工噪音', receivedAt: RECEIVED },
		ctx
	);
	if (!r.ok) throw new Error(JSON.stringify(r.errors));
	const res = await ingestOrders(t.db, [r.order], { origin: 'manual', importId: null, actorId: t.users.get('diaodu')!, apiKeyId: null, now: at('2026-09-28 09:20'), calendar });
	return res.created[0].id;
}

/** One action by a demo user, at the order's current version unless told otherwise. */
async function act(username: string, id: number, cmd: HotlineCommand, when: number, evidence: PhotoInput[] = [], version?: number) {
	return applyHotlineAction(t.db, await actorOf(t.db, username), id, version ?? (await row(id)).version, cmd, evidence, when);
}

async function ok(username: string, id: number, cmd: HotlineCommand, when: number, evidence: PhotoInput[] = []) {
	const r = await act(username, id, cmd, when, evidence);
	if (!r.ok) throw new Error(`${username} ${cmd.action}: ${JSON.stringify(r)}`);
	return r;
}

/** An order assigned to 城管中队 and signed by its handler at 09-28 10:00 (first contact not yet made). */
async function handlingOrder(orderType = '投诉'): Promise<number> {
	const id = await newOrder(orderType);
	await ok('diaodu', id, { action: 'assign', departmentId: chengguanDept }, at('2026-09-28 09:30'));
	await ok('chengguan', id, { action: 'sign' }, at('2026-09-28 10:00'));
	return id;
}

/** Runs `fn` and asserts it changed neither the order row nor its event log nor its evidence. */
async function expectNothingWritten(id: number, fn: () => Promise<unknown>) {
	const before = { row: await row(id), events: await events(id), attachments: await attachments(id), files: listFiles(photoDir()) };
	await fn();
	expect({ row: await row(id), events: await events(id), attachments: await attachments(id), files: listFiles(photoDir()) }).toEqual(before);
}

/** One command per action, each valid in its own state. */
const COMMANDS: Record<HotlineAction, HotlineCommand> = {
	assign: { action: 'assign', departmentId: 1 },
	sign: { action: 'sign' },
	first_contact: { action: 'first_contact', at: at('2026-09-28 10:00'), outcome: 'contacted', method: 'phone', summary: '已电话联系' },
	reply: { action: 'reply', resolved: true, text: '已处理' },
	request_return: { action: 'request_return', reasonCode: 'not_our_duty', note: '非本部门职责', evidenceCount: 1 },
	approve_return: { action: 'approve_return' },
	reject_return: { action: 'reject_return', note: '请继续办理' },
	request_extension: { action: 'request_extension', proposedDeadline: endOf('2026-10-12'), reason: '需施工' },
	approve_extension: { action: 'approve_extension' },
	reject_extension: { action: 'reject_extension', note: '不同意' },
	supervise: { action: 'supervise', note: '请加快' },
	evaluate: { action: 'evaluate', satisfaction: '满意', resolvedConfirmed: true }
};

describe('the whole order path, with real users', () => {
	it('assign → sign → first contact → reply → 不满意 → 重办 → reply → 满意 → completed, every step in the timeline', async () => {
		const id = await newOrder();
		const start = await row(id);
		expect(start).toMatchObject({ status: 'received', version: 1, deadline_at: endOf('2026-10-10') }); // 5 wd: 09-29, 09-30, 10-08, 10-09, 10-10 (make-up Saturday)

		expect(await ok('diaodu', id, { action: 'assign', departmentId: chengguanDept, note: '请城管处理' }, at('2026-09-28 09:30'))).toEqual({ ok: true, status: 'assigned' });
		expect(await row(id)).toMatchObject({ status: 'assigned', department_id: chengguanDept, assigned_at: at('2026-09-28 09:30'), version: 2 });

		await ok('chengguan', id, { action: 'sign' }, at('2026-09-28 10:00'));
		const firstContactDue = computeDeadline(at('2026-09-28 10:00'), HOTLINE_LIMITS.firstContact, calendar);
		expect(firstContactDue).toBe(endOf('2026-09-29'));
		expect(await row(id)).toMatchObject({ status: 'handling', signed_at: at('2026-09-28 10:00'), first_contact_due_at: firstContactDue, due_at: firstContactDue });

		await ok('chengguan', id, { action: 'first_contact', at: at('2026-09-28 11:00'), outcome: 'contacted', method: 'phone', summary: '已电话联系市民' }, at('2026-09-28 11:05'));
		expect(await row(id)).toMatchObject({
			status: 'handling',
			first_contact_at: at('2026-09-28 11:00'),
			contact_outcome: 'contacted',
			contact_method: 'phone',
			due_at: start.deadline_at // 先行联系 done: the 办结 clock is what runs now
		});

		await ok('chengguan', id, { action: 'reply', resolved: true, text: '已责令停止夜间施工' }, at('2026-09-29 15:00'));
		expect(await row(id)).toMatchObject({ status: 'replied', first_reply_at: at('2026-09-29 15:00'), reply_resolved: 1, due_at: null });

		await ok('diaodu', id, { action: 'evaluate', satisfaction: '不满意', resolvedConfirmed: false }, at('2026-09-30 10:00'));
		const redoDue = computeDeadline(at('2026-09-30 10:00'), HOTLINE_LIMITS.redo, calendar);
		expect(await row(id)).toMatchObject({ status: 'redo', satisfaction: '不满意', redo_count: 1, redo_deadline_at: redoDue, due_at: redoDue });

		await ok('chengguan', id, { action: 'reply', resolved: true, text: '施工单位已整改' }, at('2026-10-08 10:00'));
		await ok('diaodu', id, { action: 'evaluate', satisfaction: '满意', resolvedConfirmed: true }, at('2026-10-08 16:00'));
		const done = await row(id);
		expect(done).toMatchObject({
			status: 'completed',
			satisfaction: '满意',
			completed_at: at('2026-10-08 16:00'),
			first_reply_at: at('2026-09-29 15:00'),
			last_reply_at: at('2026-10-08 10:00'),
			due_at: null,
			warn_at: null,
			version: 8 // 1 + seven actions
		});

		const log = await events(id);
		expect(log.map((e) => [e.action, e.from_status, e.to_status])).toEqual([
			['receive', null, 'received'],
			['assign', 'received', 'assigned'],
			['sign', 'assigned', 'handling'],
			['first_contact', 'handling', 'handling'],
			['reply', 'handling', 'replied'],
			['evaluate', 'replied', 'redo'],
			['reply', 'redo', 'replied'],
			['evaluate', 'replied', 'completed']
		]);
		const actors = [null, 'diaodu', 'chengguan', 'chengguan', 'chengguan', 'diaodu', 'chengguan', 'diaodu'];
		expect(log.slice(1).map((e) => e.actor_id)).toEqual(actors.slice(1).map((u) => t.users.get(u!)));
		expect(log[1].note).toBe('请城管处理');
		expect(JSON.parse(log[3].payload!)).toMatchObject({ outcome: 'contacted', method: 'phone', onTime: true });

		// Completed: nothing more can happen to it.
		await expectNothingWritten(id, async () => {
			expect(await act('chengguan', id, COMMANDS.reply, at('2026-10-09 10:00'))).toEqual({ ok: false, status: 400, code: 'not_allowed_in_state' });
		});
	});

	it('a reply before 先行联系 is refused', async () => {
		const id = await handlingOrder();
		await expectNothingWritten(id, async () => {
			expect(await act('chengguan', id, COMMANDS.reply, at('2026-09-28 11:00'))).toEqual({ ok: false, status: 400, code: 'first_contact_required' });
		});
	});
});

describe('退单', () => {
	it('request with an evidence photo → the dispatcher approves → returned; the photo is stored with the event', async () => {
		const id = await handlingOrder();
		const r = await ok('chengguan', id, { action: 'request_return', reasonCode: 'not_our_duty', note: '属于房办职责', evidenceCount: 0 }, at('2026-09-28 11:00'), [photo]);
		expect(r.status).toBe('return_requested');
		const requested = (await events(id)).at(-1)!;
		expect(requested).toMatchObject({ action: 'request_return', from_status: 'handling', to_status: 'return_requested', note: '属于房办职责' });
		expect(JSON.parse(requested.payload!)).toEqual({ reasonCode: 'not_our_duty', evidenceCount: 1 });
		const files = await attachments(id);
		expect(files).toHaveLength(1);
		expect(files[0]).toMatchObject({ event_id: requested.id, original_name: 'evidence.jpg', uploaded_by: t.users.get('chengguan') });
		expect(fs.existsSync(path.join(photoDir(), files[0].path))).toBe(true);
		expect(fs.existsSync(path.join(photoDir(), files[0].thumb_path))).toBe(true);

		await ok('diaodu', id, { action: 'approve_return', note: '同意退回' }, at('2026-09-28 14:00'));
		expect(await row(id)).toMatchObject({ status: 'returned', return_approved_at: at('2026-09-28 14:00'), resume_status: null, due_at: null });
		expect((await events(id)).at(-1)).toMatchObject({ action: 'approve_return', from_status: 'return_requested', to_status: 'returned' });
	});

	it('without evidence it is refused, and a rejected 退单 resumes handling', async () => {
		const id = await handlingOrder();
		await expectNothingWritten(id, async () => {
			expect(await act('chengguan', id, COMMANDS.request_return, at('2026-09-28 11:00'), [])).toEqual({ ok: false, status: 400, code: 'evidence_required' });
		});
		await ok('chengguan', id, COMMANDS.request_return, at('2026-09-28 11:00'), [photo]);
		await ok('diaodu', id, { action: 'reject_return', note: '属于本部门职责' }, at('2026-09-28 12:00'));
		expect(await row(id)).toMatchObject({ status: 'handling', resume_status: null });
	});

	it('a file that is not an image is refused as evidence and nothing is stored', async () => {
		const id = await handlingOrder();
		await expectNothingWritten(id, async () => {
			const r = await act('chengguan', id, COMMANDS.request_return, at('2026-09-28 11:00'), [{ name: 'x.jpg', bytes: new TextEncoder().encode('not a photo') }]);
			expect(r).toMatchObject({ ok: false, status: 400, field: 'evidence' });
		});
	});
});

describe('延期', () => {
	it('approved up to 15 working days after receipt: the 办结 deadline moves', async () => {
		const id = await handlingOrder();
		await ok('chengguan', id, COMMANDS.first_contact, at('2026-09-28 10:30'));
		const cap = computeDeadline(at(RECEIVED), HOTLINE_LIMITS.extensionCap, calendar);
		expect(cap).toBe(endOf('2026-10-23')); // 15 wd over National Day and the 10-10 make-up Saturday

		await ok('chengguan', id, { action: 'request_extension', proposedDeadline: cap, reason: '需协调施工单位' }, at('2026-09-29 10:00'));
		expect(await row(id)).toMatchObject({ status: 'extension_requested', requested_deadline_at: cap, resume_status: 'handling' });
		await ok('diaodu', id, { action: 'approve_extension', note: '同意' }, at('2026-09-29 11:00'));
		const r = await row(id);
		expect(r).toMatchObject({ status: 'handling', deadline_at: cap, due_at: cap, requested_deadline_at: null, resume_status: null });
		expect((await events(id)).at(-1)).toMatchObject({ action: 'approve_extension', from_status: 'extension_requested', to_status: 'handling' });
	});

	it('refused beyond 15 working days in all, and nothing is written', async () => {
		const id = await handlingOrder();
		await ok('chengguan', id, COMMANDS.first_contact, at('2026-09-28 10:30'));
		const cap = computeDeadline(at(RECEIVED), HOTLINE_LIMITS.extensionCap, calendar);
		await expectNothingWritten(id, async () => {
			const r = await act('chengguan', id, { action: 'request_extension', proposedDeadline: cap + 1, reason: '需协调' }, at('2026-09-29 10:00'));
			expect(r).toEqual({ ok: false, status: 400, code: 'extension_too_long' });
		});
	});

	it('a rejected 延期 keeps the deadline', async () => {
		const id = await handlingOrder();
		await ok('chengguan', id, COMMANDS.first_contact, at('2026-09-28 10:30'));
		const deadline = (await row(id)).deadline_at;
		await ok('chengguan', id, COMMANDS.request_extension, at('2026-09-29 10:00'));
		await ok('diaodu', id, { action: 'reject_extension', note: '时间足够' }, at('2026-09-29 11:00'));
		expect(await row(id)).toMatchObject({ status: 'handling', deadline_at: deadline, requested_deadline_at: null });
	});
});

describe('who may act', () => {
	it('a grid worker (wangge) gets 403 for every action, and nothing is written', async () => {
		const id = await newOrder();
		await expectNothingWritten(id, async () => {
			for (const action of HOTLINE_ACTIONS) {
				expect(await act('wangge', id, COMMANDS[action], at('2026-09-28 10:00'), action === 'request_return' ? [photo] : [])).toEqual({ ok: false, status: 403, code: 'forbidden' });
			}
		});
	});

	it('the admin may look but not act', async () => {
		const id = await newOrder();
		await expectNothingWritten(id, async () => {
			for (const action of HOTLINE_ACTIONS) expect(await act('admin', id, COMMANDS[action], at('2026-09-28 10:00'))).toMatchObject({ status: 403 });
		});
	});

	it('市容所 (shirong) acting on an order assigned to 城管中队 gets 403', async () => {
		const id = await newOrder();
		await ok('diaodu', id, { action: 'assign', departmentId: chengguanDept }, at('2026-09-28 09:30'));
		await expectNothingWritten(id, async () => {
			expect(await act('shirong', id, COMMANDS.sign, at('2026-09-28 10:00'))).toEqual({ ok: false, status: 403, code: 'forbidden' });
			expect(await act('shirong', id, COMMANDS.request_return, at('2026-09-28 10:00'), [photo])).toEqual({ ok: false, status: 403, code: 'forbidden' });
		});
		await ok('chengguan', id, COMMANDS.sign, at('2026-09-28 10:00'));
		await expectNothingWritten(id, async () => {
			for (const action of ['first_contact', 'reply', 'request_extension'] as const) {
				expect(await act('shirong', id, COMMANDS[action], at('2026-09-28 11:00'))).toEqual({ ok: false, status: 403, code: 'forbidden' });
			}
		});
		// Re-assigned to 市容所 (改派 is only possible before 签收, so a fresh order): now shirong may sign.
		const other = await newOrder();
		await ok('diaodu', other, { action: 'assign', departmentId: chengguanDept }, at('2026-09-28 09:30'));
		await ok('diaodu', other, { action: 'assign', departmentId: shirongDept }, at('2026-09-28 09:40'));
		expect(await act('chengguan', other, COMMANDS.sign, at('2026-09-28 10:00'))).toMatchObject({ status: 403 });
		expect(await act('shirong', other, COMMANDS.sign, at('2026-09-28 10:00'))).toEqual({ ok: true, status: 'handling' });
	});

	it('a handler cannot act on an order not yet assigned, nor do a dispatcher’s step', async () => {
		const id = await newOrder();
		await expectNothingWritten(id, async () => {
			expect(await act('chengguan', id, COMMANDS.sign, at('2026-09-28 10:00'))).toMatchObject({ status: 403 });
			expect(await act('chengguan', id, { action: 'assign', departmentId: chengguanDept }, at('2026-09-28 10:00'))).toMatchObject({ status: 403 });
		});
	});

	it('the leader (lingdao) may 督办: the deadline is pulled in to 3 wd, the status stays', async () => {
		const id = await handlingOrder('复杂事项'); // 15 wd
		await ok('chengguan', id, COMMANDS.first_contact, at('2026-09-28 10:30'));
		const before = await row(id);
		expect(before.deadline_at).toBe(endOf('2026-10-23'));
		expect(await ok('lingdao', id, { action: 'supervise', note: '市民多次来电，请加快' }, at('2026-09-29 09:00'))).toEqual({ ok: true, status: 'handling' });
		const urged = computeDeadline(at('2026-09-29 09:00'), HOTLINE_LIMITS.supervise, calendar);
		expect(urged).toBe(endOf('2026-10-09')); // 09-30, 10-08, 10-09 (10-01..07 off)
		expect(await row(id)).toMatchObject({ status: 'handling', supervised_at: at('2026-09-29 09:00'), deadline_at: urged, due_at: urged });
		expect((await events(id)).at(-1)).toMatchObject({ action: 'supervise', actor_id: t.users.get('lingdao'), from_status: 'handling', to_status: 'handling' });
		// …but not assign or evaluate.
		expect(await act('lingdao', id, COMMANDS.assign, at('2026-09-29 10:00'))).toMatchObject({ status: 403 });
	});

	it('an unknown order is 404; an unknown department is refused', async () => {
		expect(await act('diaodu', 999_999, COMMANDS.sign, at('2026-09-28 10:00'), [], 1)).toEqual({ ok: false, status: 404, code: 'not_found' });
		const id = await newOrder();
		await expectNothingWritten(id, async () => {
			expect(await act('diaodu', id, { action: 'assign', departmentId: 9999 }, at('2026-09-28 10:00'))).toMatchObject({ ok: false, status: 400, code: 'unknown_department' });
		});
	});
});

describe('versions and the event log', () => {
	it('a stale version → 409 and nothing written', async () => {
		const id = await newOrder();
		await ok('diaodu', id, { action: 'assign', departmentId: chengguanDept }, at('2026-09-28 09:30'));
		await expectNothingWritten(id, async () => {
			expect(await act('chengguan', id, COMMANDS.sign, at('2026-09-28 10:00'), [], 1)).toEqual({ ok: false, status: 409, code: 'stale' });
		});
	});

	it('two requests on the same version at once: one wins, the other gets 409 and leaves no photo behind', async () => {
		const id = await handlingOrder();
		const version = (await row(id)).version;
		const filesBefore = listFiles(photoDir()).length;
		const results = await Promise.all([
			act('chengguan', id, COMMANDS.request_return, at('2026-09-28 11:00'), [photo], version),
			act('chengguan', id, COMMANDS.request_return, at('2026-09-28 11:00'), [photo], version)
		]);
		expect(results.map((r) => (r.ok ? 200 : r.status)).sort()).toEqual([200, 409]);
		expect(await row(id)).toMatchObject({ status: 'return_requested', version: version + 1 });
		expect((await events(id)).filter((e) => e.action === 'request_return')).toHaveLength(1);
		expect(await attachments(id)).toHaveLength(1);
		expect(listFiles(photoDir()).length).toBe(filesBefore + 2); // one photo and its thumbnail
	});

	it('hotline_events refuses UPDATE and DELETE', async () => {
		const id = await newOrder();
		const before = await events(id);
		await expect(t.db.updateTable('hotline_events').set({ note: 'rewritten' }).where('order_id', '=', id).execute()).rejects.toThrow(/append-only/);
		await expect(t.db.deleteFrom('hotline_events').where('order_id', '=', id).execute()).rejects.toThrow(/append-only/);
		await expect(sql`DELETE FROM hotline_events`.execute(t.db)).rejects.toThrow(/append-only/);
		expect(await events(id)).toEqual(before);
	});
});
