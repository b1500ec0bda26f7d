import { describe, expect, it } from 'vitest';
import { hotlineActionsInState, hotlineStageDeadline, openHotlineOrder, type HotlineState } from './hotline-workflow';
import { warningInstant, type Limit } from './deadlines';
import { at, cal, endOf, HOUR } from './fixtures/time';
import {
	apply,
	CAP,
	COMPLAINT,
	COMPLEX,
	CONSULT,
	CONTACT_DUE,
	DEADLINE,
	NOT_CONTACTED,
	NOW,
	ok,
	RECEIVED_AT,
	REDO_DUE,
	REQUESTED,
	stateIn,
	VALID,
	WARN
} from './hotline-workflow.fixtures';

// What each allowed transition changes: deadlines on the official calendar, warnings, event payloads.

describe('effects', () => {
	it('openHotlineOrder: a 投诉 (5 wd) received 2026-09-30 10:00 is due at the end of 2026-10-13', () => {
		// 10-01..10-07 holiday, 10-08 Thu wd1, 10-09 Fri wd2, 10-10 Sat 调休 wd3, (10-11 Sun) 10-12 wd4, 10-13 wd5.
		const s = openHotlineOrder({ receivedAt: at('2026-09-30 10:00'), orderLimit: COMPLAINT, hasPhone: true }, cal);
		expect(s).toMatchObject({
			status: 'received',
			deadlineAt: endOf('2026-10-13'),
			redoCount: 0,
			hasPhone: true,
			departmentId: null
		});
		// 41 working hours (6 on 09-30 + 5 × 7); 75 % = 30.75 h → 10-12 13:45.
		expect(s.warnAt).toBe(at('2026-10-12 13:45'));
		expect(hotlineStageDeadline(s)).toBe(endOf('2026-10-13'));
	});

	const OPENING: ReadonlyArray<readonly [string, Limit, string, string]> = [
		['咨询 1 wd on the eve of National Day', CONSULT, '2026-09-30 16:00', '2026-10-08'],
		['咨询 1 wd on 2026-02-13 → the Saturday make-up day', CONSULT, '2026-02-13 09:00', '2026-02-14'],
		['咨询 1 wd received on a holiday counts from the next working day', CONSULT, '2026-10-03 11:00', '2026-10-08'],
		[
			'投诉 5 wd received at 23:59 counts from that day: 09-30, 10-08, 10-09, 10-10, 10-12',
			COMPLAINT,
			'2026-09-29 23:59',
			'2026-10-12'
		],
		['投诉 5 wd received at 00:01 Shanghai (16:01 UTC the day before)', COMPLAINT, '2026-09-30 00:01', '2026-10-13'],
		['复杂事项 15 wd', COMPLEX, '2026-09-28 09:00', '2026-10-23']
	];
	it.each(OPENING)('openHotlineOrder: %s', (_label, orderLimit, received, due) => {
		expect(openHotlineOrder({ receivedAt: at(received), orderLimit, hasPhone: false }, cal).deadlineAt).toBe(
			endOf(due)
		);
	});

	it('assign records department and time; 改派 keeps the running warning', () => {
		const r = ok(apply(stateIn('received'), { action: 'assign', departmentId: 9, note: ' 请办理 ' }));
		expect(r.changes).toMatchObject({ departmentId: 9, assignedAt: NOW, warnAt: WARN });
		expect(r.event).toEqual({
			action: 'assign',
			from: 'received',
			to: 'assigned',
			note: '请办理',
			payload: { departmentId: 9, previousDepartmentId: null }
		});
		const again = ok(apply(stateIn('assigned'), { action: 'assign', departmentId: 11 }));
		expect(again.event.payload).toEqual({ departmentId: 11, previousDepartmentId: 7 });
		expect(again.changes.deadlineAt).toBeUndefined();
	});

	const FRIDAYS: ReadonlyArray<readonly [string, string, string]> = [
		['Friday evening before an ordinary weekend', '2026-10-16 19:00', '2026-10-19'],
		['Friday evening before the 2026-09-20 Sunday make-up day', '2026-09-18 19:30', '2026-09-20'],
		['Friday evening before the 2026-10-10 Saturday make-up day', '2026-10-09 18:00', '2026-10-10'],
		['Thursday evening before 中秋 (09-25 off)', '2026-09-24 20:00', '2026-09-28'],
		['the eve of National Day', '2026-09-30 21:00', '2026-10-08']
	];
	it.each(FRIDAYS)('sign on %s: 先行联系 due at the end of the next working day', (_label, when, due) => {
		const r = ok(apply(stateIn('assigned'), VALID.sign, at(when)));
		expect(r.changes).toMatchObject({ status: 'handling', signedAt: at(when), firstContactDueAt: endOf(due) });
		expect(r.event.payload).toEqual({ firstContactDueAt: endOf(due) });
	});

	it('sign: the step is 先行联系, yellow at 75 % of its working time', () => {
		// Signed Fri 10-16 19:00, due Mon 10-19 24:00: 7 working hours; 75 % = 5.25 h → 15:15.
		const r = ok(apply(stateIn('assigned'), VALID.sign, at('2026-10-16 19:00')));
		expect(r.changes.warnAt).toBe(at('2026-10-19 15:15'));
		expect(hotlineStageDeadline({ ...stateIn('assigned'), ...r.changes })).toBe(endOf('2026-10-19'));
	});

	it('first_contact stores time, outcome, method and summary; the step becomes the 办结 deadline', () => {
		const r = ok(apply(stateIn('handling', NOT_CONTACTED), { ...VALID.first_contact, summary: ' 已电话联系 ' }));
		expect(r.next).toBe('handling');
		expect(r.changes).toMatchObject({
			firstContactAt: NOW - HOUR,
			contactOutcome: 'contacted',
			contactMethod: 'phone'
		});
		expect(r.changes.warnAt).toBe(warningInstant(RECEIVED_AT, DEADLINE, 'wd', cal));
		expect(r.event).toEqual({
			action: 'first_contact',
			from: 'handling',
			to: 'handling',
			note: '已电话联系',
			payload: { at: NOW - HOUR, outcome: 'contacted', method: 'phone', onTime: true }
		});
		const late = ok(
			apply(stateIn('handling', NOT_CONTACTED), { ...VALID.first_contact, at: CONTACT_DUE + 1 }, CONTACT_DUE + HOUR)
		);
		expect(late.event.payload).toMatchObject({ onTime: false });
	});

	it('reply: firstReplyAt only the first time, lastReplyAt every time; the clock stops', () => {
		const first = ok(apply(stateIn('handling'), { action: 'reply', resolved: false, text: ' 已答复 ' }));
		expect(first.changes).toMatchObject({ firstReplyAt: NOW, lastReplyAt: NOW, replyResolved: false, warnAt: null });
		expect(first.event).toEqual({
			action: 'reply',
			from: 'handling',
			to: 'replied',
			note: '已答复',
			payload: { resolved: false, redo: false }
		});
		const again = ok(apply(stateIn('redo'), VALID.reply));
		expect(again.changes.firstReplyAt).toBe(at('2026-09-28 16:00'));
		expect(again.changes).toMatchObject({ lastReplyAt: NOW, replyResolved: true });
		expect(again.event.payload).toEqual({ resolved: true, redo: true });
	});

	it('request_return remembers where the order was, with reason and evidence', () => {
		const r = ok(
			apply(stateIn('assigned'), { ...VALID.request_return, reasonCode: 'not_in_jurisdiction', evidenceCount: 2 })
		);
		expect(r.changes).toMatchObject({ status: 'return_requested', resumeStatus: 'assigned' });
		expect(r.event.payload).toEqual({ reasonCode: 'not_in_jurisdiction', evidenceCount: 2 });
		expect(r.changes.warnAt).toBe(WARN); // still the 办结 deadline, unchanged
	});

	it('request_return before 先行联系 switches the countdown to the 办结 deadline', () => {
		const r = ok(apply(stateIn('handling', NOT_CONTACTED), VALID.request_return));
		expect(hotlineStageDeadline({ ...stateIn('handling', NOT_CONTACTED), ...r.changes })).toBe(DEADLINE);
		expect(r.changes.warnAt).toBe(warningInstant(RECEIVED_AT, DEADLINE, 'wd', cal));
	});

	it('approve_return: the order goes back to the city, terminal', () => {
		const r = ok(apply(stateIn('return_requested'), { action: 'approve_return', note: '同意退单' }));
		expect(r.changes).toMatchObject({ status: 'returned', resumeStatus: null, returnApprovedAt: NOW, warnAt: null });
		expect(hotlineActionsInState(r.next)).toEqual([]);
	});

	it('request_extension stores the proposal without moving the deadline', () => {
		const r = ok(apply(stateIn('handling'), VALID.request_extension));
		expect(r.changes.deadlineAt).toBeUndefined();
		expect(r.event).toMatchObject({
			note: '需协调产权单位',
			payload: { proposedDeadline: REQUESTED, previousDeadline: DEADLINE }
		});
	});

	it('approve_extension replaces the 办结 deadline; the warning restarts at the approval', () => {
		const r = ok(apply(stateIn('extension_requested'), VALID.approve_extension));
		expect(r.changes).toMatchObject({
			status: 'handling',
			deadlineAt: REQUESTED,
			requestedDeadlineAt: null,
			resumeStatus: null
		});
		expect(r.changes.redoDeadlineAt).toBeUndefined();
		expect(r.changes.warnAt).toBe(warningInstant(NOW, REQUESTED, 'wd', cal));
		expect(r.event.payload).toEqual({
			previousDeadline: DEADLINE,
			requestedDeadline: REQUESTED,
			deadlineAt: REQUESTED
		});
	});

	it('approve_extension resuming 重办 replaces the 重办 deadline, not the 办结 one', () => {
		const state = stateIn('extension_requested', { resumeStatus: 'redo', redoDeadlineAt: REDO_DUE, redoCount: 1 });
		const r = ok(apply(state, VALID.approve_extension));
		expect(r.changes).toMatchObject({ status: 'redo', redoDeadlineAt: REQUESTED });
		expect(r.changes.deadlineAt).toBeUndefined();
		expect(r.event.payload).toEqual({
			previousDeadline: REDO_DUE,
			requestedDeadline: REQUESTED,
			deadlineAt: REQUESTED
		});
	});

	it('reject_extension drops the request and keeps deadline and warning', () => {
		const r = ok(apply(stateIn('extension_requested'), VALID.reject_extension));
		expect(r.changes).toMatchObject({ status: 'handling', requestedDeadlineAt: null, warnAt: WARN });
		expect(r.changes.deadlineAt).toBeUndefined();
	});

	describe('督办: 3 wd, never later than the running deadline', () => {
		it('pulls a later deadline in to 3 wd from now', () => {
			// Now 09-29: 09-30, 10-08, 10-09 → end of 10-09, earlier than 10-10.
			const r = ok(apply(stateIn('handling'), { action: 'supervise', note: ' 请加快 ' }));
			expect(r.changes).toMatchObject({ status: 'handling', supervisedAt: NOW, deadlineAt: endOf('2026-10-09') });
			expect(r.changes.warnAt).toBe(warningInstant(NOW, endOf('2026-10-09'), 'wd', cal));
			expect(r.event).toEqual({
				action: 'supervise',
				from: 'handling',
				to: 'handling',
				note: '请加快',
				payload: { previousDeadline: DEADLINE, deadlineAt: endOf('2026-10-09') }
			});
		});

		it('keeps an earlier deadline, and its warning', () => {
			const state = stateIn('assigned', { orderLimit: CONSULT, deadlineAt: endOf('2026-09-29') });
			const r = ok(apply(state, VALID.supervise));
			expect(r.changes).toMatchObject({ supervisedAt: NOW, deadlineAt: endOf('2026-09-29'), warnAt: WARN });
		});

		it('in 重办 it is the 重办 deadline that is pulled in', () => {
			const r = ok(apply(stateIn('redo', { redoDeadlineAt: endOf('2026-10-16') }), VALID.supervise));
			expect(r.changes).toMatchObject({ redoDeadlineAt: endOf('2026-10-09') });
			expect(r.changes.deadlineAt).toBeUndefined();
		});

		it('a 复杂事项 on 15 wd becomes a 3 wd 督办件', () => {
			const r = ok(apply(stateIn('handling', { orderLimit: COMPLEX, deadlineAt: CAP }), VALID.supervise));
			expect(r.changes.deadlineAt).toBe(endOf('2026-10-09'));
		});
	});

	describe('evaluate', () => {
		it.each(['满意', '基本满意', 'unreachable'] as const)('%s completes the order', (satisfaction) => {
			const r = ok(
				apply(stateIn('replied'), { action: 'evaluate', satisfaction, resolvedConfirmed: true, note: ' 回访 ' })
			);
			expect(r.changes).toMatchObject({ status: 'completed', satisfaction, completedAt: NOW, warnAt: null });
			expect(r.event).toEqual({
				action: 'evaluate',
				from: 'replied',
				to: 'completed',
				note: '回访',
				payload: { satisfaction, resolvedConfirmed: true }
			});
		});

		it('不满意 opens 重办 on the same order: 3 wd from now, counted', () => {
			const r = ok(
				apply(stateIn('replied', { redoCount: 1 }), {
					action: 'evaluate',
					satisfaction: '不满意',
					resolvedConfirmed: false
				})
			);
			expect(r.changes).toMatchObject({
				status: 'redo',
				satisfaction: '不满意',
				redoDeadlineAt: REDO_DUE,
				redoCount: 2
			});
			expect(r.changes.completedAt).toBeUndefined();
			expect(r.changes.warnAt).toBe(warningInstant(NOW, REDO_DUE, 'wd', cal));
			expect(r.event.payload).toEqual({ satisfaction: '不满意', resolvedConfirmed: false, redoDeadlineAt: REDO_DUE });
		});

		it('不满意 on Friday 2026-10-09 afternoon: 重办 due at the end of Tuesday 10-13', () => {
			// 10-10 Sat 调休 wd1, (10-11 Sun) 10-12 wd2, 10-13 wd3.
			const r = ok(
				apply(
					stateIn('replied'),
					{ action: 'evaluate', satisfaction: '不满意', resolvedConfirmed: false },
					at('2026-10-09 15:00')
				)
			);
			expect(r.changes.redoDeadlineAt).toBe(endOf('2026-10-13'));
		});
	});
});

describe('hotlineStageDeadline: the deadline of the current step', () => {
	const TABLE: ReadonlyArray<readonly [string, HotlineState, number | null]> = [
		['received → 办结 deadline', stateIn('received'), DEADLINE],
		['assigned → 办结 deadline', stateIn('assigned'), DEADLINE],
		['handling before 先行联系 → its due', stateIn('handling', NOT_CONTACTED), CONTACT_DUE],
		['handling after 先行联系 → 办结 deadline', stateIn('handling'), DEADLINE],
		['return_requested → 办结 deadline', stateIn('return_requested'), DEADLINE],
		['extension_requested → 办结 deadline', stateIn('extension_requested'), DEADLINE],
		[
			'extension_requested from 重办 → 重办 deadline',
			stateIn('extension_requested', { resumeStatus: 'redo', redoDeadlineAt: REDO_DUE }),
			REDO_DUE
		],
		['redo → 重办 deadline', stateIn('redo'), REDO_DUE],
		['replied → none', stateIn('replied'), null],
		['completed → none', stateIn('completed'), null],
		['returned → none', stateIn('returned'), null]
	];
	it.each(TABLE)('%s', (_label, state, expected) => {
		expect(hotlineStageDeadline(state)).toBe(expected);
	});
});
