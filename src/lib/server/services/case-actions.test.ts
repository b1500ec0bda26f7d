import { describe, expect, it } from 'vitest';
import type { CaseCommand } from '$lib/domain/case-workflow';
import { computeDeadline, extendForPause } from '$lib/domain/deadlines';
import type { PhotoInput } from '../photos';
import { loadCalendar } from '../repositories/calendar';
import { listEvents } from '../repositories/case-events';
import { insertLimitVersion, limitsInForce } from '../repositories/category-limits';
import { actorOf } from '../test-db';
import { at, CATEGORY, t, photo, dept, row, report, act, feedback, checkPass, caseIn } from './case-actions.fixtures';

describe('the closed loop', () => {
	it('上报 → 受理 → 立案 → 派遣 → 签收 → 延期 → 处置反馈 → 核查不通过 → 处置反馈 → 核查通过 → 结案', async () => {
		const calendar = await loadCalendar(t.db);
		const limit = (await limitsInForce(t.db, CATEGORY, at('2025-09-30T09:00'))).handleLimit!;
		const id = await report('wangge', 'report', at('2025-09-30T09:00'));
		const ok = async (who: string, cmd: CaseCommand, when: string, status: string, photos: PhotoInput[] = []) =>
			expect(await act(who, id, cmd, at(when), photos)).toEqual({ ok: true, status });

		await ok('diaodu', { action: 'accept' }, '2025-09-30T09:10', 'accepted');
		await ok(
			'diaodu',
			{ action: 'register', categoryCode: CATEGORY, urgency: '一般', handleLimit: null, efficientLimit: null },
			'2025-09-30T09:20',
			'registered'
		);
		const dispatchedAt = at('2025-09-30T16:00');
		await ok('diaodu', { action: 'dispatch', departmentId: await dept('城管中队') }, '2025-09-30T16:00', 'dispatched');
		// 4 working hours from 16:00 on the eve of National Day: 1 h today, 3 h after the 10-01…10-08 holiday.
		expect((await row(id)).deadline_at).toBe(computeDeadline(dispatchedAt, limit, calendar));
		expect((await row(id)).deadline_at).toBe(at('2025-10-09T12:00'));
		// The category sets no efficient limit: half of 4 wh, 1 h today and 1 h after the holiday.
		expect((await row(id)).efficient_deadline_at).toBe(
			computeDeadline(dispatchedAt, { value: 2, unit: 'wh' }, calendar)
		);
		expect((await row(id)).efficient_deadline_at).toBe(at('2025-10-09T10:00'));
		expect((await row(id)).department_id).toBe(await dept('城管中队'));

		await ok('chengguan', { action: 'sign' }, '2025-09-30T16:10', 'handling');
		const proposed = at('2025-10-10T17:00');
		await ok(
			'chengguan',
			{ action: 'request_extension', reason: '需协调房东', proposedDeadline: proposed },
			'2025-09-30T16:20',
			'extension_requested'
		);
		expect((await row(id)).deadline_at).toBe(at('2025-10-09T12:00'));
		await ok('diaodu', { action: 'approve_extension' }, '2025-09-30T16:30', 'handling');
		expect(await row(id)).toMatchObject({ deadline_at: proposed, requested_deadline_at: null });
		// 延期 moves the handling deadline only: 高效处置 is still judged against the original 2 wh.
		expect((await row(id)).efficient_deadline_at).toBe(at('2025-10-09T10:00'));

		await ok('chengguan', feedback(), '2025-10-09T10:00', 'feedback', [photo]);
		expect((await row(id)).handler_id).toBe((await actorOf(t.db, 'chengguan')).id);
		await ok('wangge2', { action: 'check_fail', note: '仍有残留', photoCount: 1 }, '2025-10-09T11:00', 'handling', [
			photo
		]);
		expect((await row(id)).rework_count).toBe(1);
		await ok('chengguan', feedback('已彻底拆除'), '2025-10-09T14:00', 'feedback', [photo]);
		await ok('wangge', checkPass, '2025-10-09T15:00', 'checked', [photo]);
		await ok('diaodu', { action: 'close' }, '2025-10-09T15:30', 'closed');

		const final = await row(id);
		expect(final).toMatchObject({
			status: 'closed',
			rework_count: 1,
			closed_at: at('2025-10-09T15:30'),
			feedback_at: at('2025-10-09T14:00'),
			version: 12
		});
		const events = await listEvents(t.db, id);
		expect(events.map((e) => [e.action, e.from_status, e.to_status])).toEqual([
			['report', null, 'reported'],
			['accept', 'reported', 'accepted'],
			['register', 'accepted', 'registered'],
			['dispatch', 'registered', 'dispatched'],
			['sign', 'dispatched', 'handling'],
			['request_extension', 'handling', 'extension_requested'],
			['approve_extension', 'extension_requested', 'handling'],
			['feedback', 'handling', 'feedback'],
			['check_fail', 'feedback', 'handling'],
			['feedback', 'handling', 'feedback'],
			['check_pass', 'feedback', 'checked'],
			['close', 'checked', 'closed']
		]);
		const kinds = await t.db.selectFrom('attachments').select('kind').where('case_id', '=', id).execute();
		expect(kinds.map((k) => k.kind).sort()).toEqual(['after', 'after', 'before', 'check', 'check']);
	});

	it('回退: request + approve → registered with the department cleared, then 改派 restarts the clock', async () => {
		const id = await caseIn('handling');
		expect(
			await act(
				'chengguan',
				id,
				{ action: 'request_return', reasonCode: 'not_our_duty', note: '属市容范围' },
				at('2025-10-09T09:00')
			)
		).toEqual({ ok: true, status: 'return_requested' });
		expect(await act('diaodu', id, { action: 'approve_return' }, at('2025-10-09T09:30'))).toEqual({
			ok: true,
			status: 'registered'
		});
		expect(await row(id)).toMatchObject({
			department_id: null,
			dispatched_at: null,
			deadline_at: null,
			efficient_deadline_at: null,
			resume_status: null
		});
		expect((await act('chengguan', id, { action: 'sign' }, at('2025-10-09T09:35'))).ok).toBe(false);

		const redispatch = at('2025-10-09T10:00');
		expect(await act('diaodu', id, { action: 'dispatch', departmentId: await dept('市容所') }, redispatch)).toEqual({
			ok: true,
			status: 'dispatched'
		});
		expect(await row(id)).toMatchObject({
			department_id: await dept('市容所'),
			dispatched_at: redispatch,
			deadline_at: at('2025-10-09T15:00'),
			efficient_deadline_at: at('2025-10-09T12:00')
		});
		expect(await act('chengguan', id, { action: 'sign' }, at('2025-10-09T10:05'))).toEqual({
			ok: false,
			status: 403,
			code: 'forbidden'
		});
		expect(await act('shirong', id, { action: 'sign' }, at('2025-10-09T10:05'))).toEqual({
			ok: true,
			status: 'handling'
		});
	});

	it('挂账 stops the clock; 解挂 moves the deadline by the paused working time', async () => {
		const id = await caseIn('handling'); // dispatched 2025-09-30 09:30 → due 14:30 the same day
		const before = await row(id);
		expect(before.deadline_at).toBe(at('2025-09-30T14:30'));
		expect(before.efficient_deadline_at).toBe(at('2025-09-30T11:30'));
		expect(await act('diaodu', id, { action: 'park', reason: '等待季节性施工' }, at('2025-09-30T10:00'))).toEqual({
			ok: true,
			status: 'parked'
		});
		expect(await row(id)).toMatchObject({
			parked_at: at('2025-09-30T10:00'),
			stage_deadline_at: null,
			deadline_at: before.deadline_at
		});
		expect(await act('diaodu', id, { action: 'unpark' }, at('2025-10-09T10:30'))).toEqual({
			ok: true,
			status: 'handling'
		});
		// paused: 09-30 10:00–17:00 less lunch = 6 h, 10-09 09:00–10:30 = 1.5 h → 7.5 working hours later,
		// i.e. 2.5 h on 09-30 and 5 h on 10-09 (the holiday does not count).
		const calendar = await loadCalendar(t.db);
		const after = await row(id);
		expect(after.deadline_at).toBe(
			extendForPause(before.deadline_at!, at('2025-09-30T10:00'), at('2025-10-09T10:30'), 'wh', calendar)
		);
		expect(after.deadline_at).toBe(at('2025-10-09T15:00'));
		// The efficient deadline moves by the same 7.5 working hours: 11:30 + 4.5 h on 09-30 + 3 h on 10-09.
		expect(after.efficient_deadline_at).toBe(
			extendForPause(before.efficient_deadline_at!, at('2025-09-30T10:00'), at('2025-10-09T10:30'), 'wh', calendar)
		);
		expect(after.efficient_deadline_at).toBe(at('2025-10-09T12:00'));
		expect(after).toMatchObject({ parked_at: null, resume_status: null, stage_deadline_at: after.deadline_at });
	});
});

describe('a case keeps the limits it took', () => {
	it('a new version of the category’s limits applies to cases registered from its effective time only', async () => {
		const earlier = await caseIn('handling'); // registered 09:20, dispatched 09:30 with the default 2 wh → 11:30
		expect((await row(earlier)).efficient_deadline_at).toBe(at('2025-09-30T11:30'));
		const { handleLimit } = await limitsInForce(t.db, CATEGORY, at('2025-09-30T09:00'));
		// An admin's new version, in force from 09:15: the same handling limit, an efficient limit of 1 wh.
		const versionId = await insertLimitVersion(
			t.db,
			CATEGORY,
			{ effectiveFrom: at('2025-09-30T09:15'), handleLimit, efficientLimit: { value: 1, unit: 'wh' } },
			at('2025-09-30T09:00'),
			null
		);
		try {
			// Working on the earlier case keeps its stored limits and deadline …
			expect(await act('lingdao', earlier, { action: 'supervise', note: '请加快' }, at('2025-09-30T10:00'))).toEqual({
				ok: true,
				status: 'handling'
			});
			expect(await row(earlier)).toMatchObject({
				efficient_deadline_at: at('2025-09-30T11:30'),
				efficient_value: 2,
				efficient_unit: 'wh'
			});
			// … while a case registered at 09:20 takes the new version: dispatched 09:30 → 10:30.
			const later = await caseIn('handling');
			expect(await row(later)).toMatchObject({
				efficient_deadline_at: at('2025-09-30T10:30'),
				deadline_at: at('2025-09-30T14:30'),
				efficient_value: 1,
				efficient_unit: 'wh'
			});
		} finally {
			await t.db.deleteFrom('category_limits').where('id', '=', versionId).execute();
		}
	});
});
