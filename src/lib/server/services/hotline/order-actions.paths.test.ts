import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { computeDeadline } from '$lib/domain/deadlines';
import { HOTLINE_LIMITS } from '$lib/domain/hotline-stages';
import { photoDir } from '../../config';
import { at, endOf } from '$lib/domain/fixtures/time';
import {
	act,
	attachments,
	COMMANDS,
	contactedByPhone,
	events,
	expectNothingWritten,
	handlingOrder,
	newOrder,
	ok,
	RECEIVED,
	row,
	useOrderActionsDb
} from './order-actions.fixtures';

// applyHotlineAction on a real database: the whole order path, 退单 and 延期.
// Who may act, versions and the append-only log: order-actions.access.test.ts.

const env = useOrderActionsDb();

describe('the whole order path, with real users', () => {
	it('assign → sign → first contact → reply → 不满意 → 重办 → reply → 满意 → completed, every step in the timeline', async () => {
		const id = await newOrder();
		const start = await row(id);
		expect(start).toMatchObject({ status: 'received', version: 1, deadline_at: endOf('2026-10-10') }); // 5 wd: 09-29, 09-30, 10-08, 10-09, 10-10 (make-up Saturday)

		expect(
			await ok(
				'diaodu',
				id,
				{ action: 'assign', departmentId: env.chengguanDept, note: '请城管处理' },
				at('2026-09-28 09:30')
			)
		).toEqual({ ok: true, status: 'assigned' });
		expect(await row(id)).toMatchObject({
			status: 'assigned',
			department_id: env.chengguanDept,
			assigned_at: at('2026-09-28 09:30'),
			version: 2
		});

		await ok('chengguan', id, { action: 'sign' }, at('2026-09-28 10:00'));
		const firstContactDue = computeDeadline(at('2026-09-28 10:00'), HOTLINE_LIMITS.firstContact, env.calendar);
		expect(firstContactDue).toBe(endOf('2026-09-29'));
		expect(await row(id)).toMatchObject({
			status: 'handling',
			signed_at: at('2026-09-28 10:00'),
			first_contact_due_at: firstContactDue,
			due_at: firstContactDue
		});

		await contactedByPhone(id, '已电话联系市民');
		expect(await row(id)).toMatchObject({
			status: 'handling',
			first_contact_at: at('2026-09-28 11:00'),
			contact_outcome: 'contacted',
			contact_method: 'phone',
			due_at: start.deadline_at // 先行联系 done: the 办结 clock is what runs now
		});

		await ok('chengguan', id, { action: 'reply', resolved: true, text: '已责令停止夜间施工' }, at('2026-09-29 15:00'));
		expect(await row(id)).toMatchObject({
			status: 'replied',
			first_reply_at: at('2026-09-29 15:00'),
			reply_resolved: 1,
			due_at: null
		});

		await ok(
			'diaodu',
			id,
			{ action: 'evaluate', satisfaction: '不满意', resolvedConfirmed: false },
			at('2026-09-30 10:00')
		);
		const redoDue = computeDeadline(at('2026-09-30 10:00'), HOTLINE_LIMITS.redo, env.calendar);
		expect(await row(id)).toMatchObject({
			status: 'redo',
			satisfaction: '不满意',
			redo_count: 1,
			redo_deadline_at: redoDue,
			due_at: redoDue
		});

		await ok('chengguan', id, { action: 'reply', resolved: true, text: '施工单位已整改' }, at('2026-10-08 10:00'));
		await ok(
			'diaodu',
			id,
			{ action: 'evaluate', satisfaction: '满意', resolvedConfirmed: true },
			at('2026-10-08 16:00')
		);
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
		expect(log.slice(1).map((e) => e.actor_id)).toEqual(actors.slice(1).map((u) => env.users.get(u!)));
		expect(log[1].note).toBe('请城管处理');
		expect(JSON.parse(log[3].payload!)).toMatchObject({ outcome: 'contacted', method: 'phone', onTime: true });

		// Completed: nothing more can happen to it.
		await expectNothingWritten(id, async () => {
			expect(await act('chengguan', id, COMMANDS.reply, at('2026-10-09 10:00'))).toEqual({
				ok: false,
				status: 400,
				code: 'not_allowed_in_state'
			});
		});
	});

	it('a reply before 先行联系 is refused', async () => {
		const id = await handlingOrder();
		await expectNothingWritten(id, async () => {
			expect(await act('chengguan', id, COMMANDS.reply, at('2026-09-28 11:00'))).toEqual({
				ok: false,
				status: 400,
				code: 'first_contact_required'
			});
		});
	});
});

describe('退单', () => {
	it('request with an evidence photo → the dispatcher approves → returned; the photo is stored with the event', async () => {
		const id = await handlingOrder();
		const r = await ok(
			'chengguan',
			id,
			{ action: 'request_return', reasonCode: 'not_our_duty', note: '属于房办职责', evidenceCount: 0 },
			at('2026-09-28 11:00'),
			[env.photo]
		);
		expect(r.status).toBe('return_requested');
		const requested = (await events(id)).at(-1)!;
		expect(requested).toMatchObject({
			action: 'request_return',
			from_status: 'handling',
			to_status: 'return_requested',
			note: '属于房办职责'
		});
		expect(JSON.parse(requested.payload!)).toEqual({ reasonCode: 'not_our_duty', evidenceCount: 1 });
		const files = await attachments(id);
		expect(files).toHaveLength(1);
		expect(files[0]).toMatchObject({
			event_id: requested.id,
			original_name: 'evidence.jpg',
			uploaded_by: env.users.get('chengguan')
		});
		expect(fs.existsSync(path.join(photoDir(), files[0].path))).toBe(true);
		expect(fs.existsSync(path.join(photoDir(), files[0].thumb_path))).toBe(true);

		await ok('diaodu', id, { action: 'approve_return', note: '同意退回' }, at('2026-09-28 14:00'));
		expect(await row(id)).toMatchObject({
			status: 'returned',
			return_approved_at: at('2026-09-28 14:00'),
			resume_status: null,
			due_at: null
		});
		expect((await events(id)).at(-1)).toMatchObject({
			action: 'approve_return',
			from_status: 'return_requested',
			to_status: 'returned'
		});
	});

	it('without evidence it is refused, and a rejected 退单 resumes handling', async () => {
		const id = await handlingOrder();
		await expectNothingWritten(id, async () => {
			expect(await act('chengguan', id, COMMANDS.request_return, at('2026-09-28 11:00'), [])).toEqual({
				ok: false,
				status: 400,
				code: 'evidence_required'
			});
		});
		await ok('chengguan', id, COMMANDS.request_return, at('2026-09-28 11:00'), [env.photo]);
		await ok('diaodu', id, { action: 'reject_return', note: '属于本部门职责' }, at('2026-09-28 12:00'));
		expect(await row(id)).toMatchObject({ status: 'handling', resume_status: null });
	});

	it('a file that is not an image is refused as evidence and nothing is stored', async () => {
		const id = await handlingOrder();
		await expectNothingWritten(id, async () => {
			const r = await act('chengguan', id, COMMANDS.request_return, at('2026-09-28 11:00'), [
				{ name: 'x.jpg', bytes: new TextEncoder().encode('not a photo') }
			]);
			expect(r).toMatchObject({ ok: false, status: 400, field: 'evidence' });
		});
	});
});

describe('延期', () => {
	it('approved up to 15 working days after receipt: the 办结 deadline moves', async () => {
		const id = await handlingOrder();
		await ok('chengguan', id, COMMANDS.first_contact, at('2026-09-28 10:30'));
		const cap = computeDeadline(at(RECEIVED), HOTLINE_LIMITS.extensionCap, env.calendar);
		expect(cap).toBe(endOf('2026-10-23')); // 15 wd over National Day and the 10-10 make-up Saturday

		await ok(
			'chengguan',
			id,
			{ action: 'request_extension', proposedDeadline: cap, reason: '需协调施工单位' },
			at('2026-09-29 10:00')
		);
		expect(await row(id)).toMatchObject({
			status: 'extension_requested',
			requested_deadline_at: cap,
			resume_status: 'handling'
		});
		await ok('diaodu', id, { action: 'approve_extension', note: '同意' }, at('2026-09-29 11:00'));
		const r = await row(id);
		expect(r).toMatchObject({
			status: 'handling',
			deadline_at: cap,
			due_at: cap,
			requested_deadline_at: null,
			resume_status: null
		});
		expect((await events(id)).at(-1)).toMatchObject({
			action: 'approve_extension',
			from_status: 'extension_requested',
			to_status: 'handling'
		});
	});

	it('refused beyond 15 working days in all, and nothing is written', async () => {
		const id = await handlingOrder();
		await ok('chengguan', id, COMMANDS.first_contact, at('2026-09-28 10:30'));
		const cap = computeDeadline(at(RECEIVED), HOTLINE_LIMITS.extensionCap, env.calendar);
		await expectNothingWritten(id, async () => {
			const r = await act(
				'chengguan',
				id,
				{ action: 'request_extension', proposedDeadline: cap + 1, reason: '需协调' },
				at('2026-09-29 10:00')
			);
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
