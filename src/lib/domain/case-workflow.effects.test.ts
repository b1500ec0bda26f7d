import { describe, expect, it } from 'vitest';
import { OPEN_STATUSES } from './case-status';
import { applyCaseCommand, type CaseCommand, type CaseState } from './case-workflow';
import { STAGE_LIMITS, stageDeadline } from './case-stages';
import { computeDeadline, type Limit } from './deadlines';
import { at, cal, endOf } from './fixtures/time';
import {
	DEADLINE,
	DISPATCHED_AT,
	NOW,
	ok,
	REQUESTED,
	stateIn,
	VALID,
	WD3,
	WD5,
	WH2,
	WH4
} from './case-workflow.fixtures';

// What each allowed transition changes: deadlines on the official calendar, stage clocks, event payloads.

describe('effects', () => {
	describe('dispatch: the handling clock starts, on the official calendar', () => {
		const dispatchAt = (limit: Limit | null, when: string, urgency: '一般' | '紧急' = '一般') =>
			ok(
				applyCaseCommand(
					stateIn('registered', { handleLimit: limit, urgency }),
					{ action: 'dispatch', departmentId: 9, note: ' 请处置 ' },
					{
						now: at(when),
						calendar: cal
					}
				)
			);

		it('3 wd dispatched 2026-09-30 10:00 is due at the end of 2026-10-10 (the Saturday make-up day)', () => {
			// 10-01..10-07 holiday (10-03/04 weekend), 10-08 Thu wd1, 10-09 Fri wd2, 10-10 Sat 调休 wd3.
			const r = dispatchAt(WD3, '2026-09-30 10:00');
			expect(r.changes.deadlineAt).toBe(endOf('2026-10-10'));
			expect(r.changes.deadlineAt).toBe(Date.parse('2026-10-11T00:00:00+08:00'));
			expect(r.changes).toMatchObject({ departmentId: 9, dispatchedAt: at('2026-09-30 10:00') });
			expect(r.event).toEqual({
				action: 'dispatch',
				from: 'registered',
				to: 'dispatched',
				note: '请处置',
				payload: { departmentId: 9, deadlineAt: endOf('2026-10-10') }
			});
		});

		it('3 wd dispatched on the eve of 中秋 skips 2026-09-25 (Fri off)', () => {
			// 09-24 Thu → 09-28 Mon wd1, 09-29 wd2, 09-30 wd3.
			expect(dispatchAt(WD3, '2026-09-24 16:59').changes.deadlineAt).toBe(endOf('2026-09-30'));
		});

		it('2 wh dispatched at 11:00 crosses lunch: due 14:00', () => {
			expect(dispatchAt(WH2, '2026-09-30 11:00').changes.deadlineAt).toBe(at('2026-09-30 14:00'));
		});

		it('2 wh dispatched during lunch starts at 13:00: due 15:00', () => {
			expect(dispatchAt(WH2, '2026-09-30 12:20').changes.deadlineAt).toBe(at('2026-09-30 15:00'));
		});

		it('4 wh dispatched 2026-09-30 15:30 runs over the National Day break: due 2026-10-08 11:30', () => {
			// 1.5 h until 17:00, then 2.5 h from 10-08 09:00.
			expect(dispatchAt(WH4, '2026-09-30 15:30').changes.deadlineAt).toBe(at('2026-10-08 11:30'));
		});

		it('h24 (紧急) counts natural hours through the night', () => {
			expect(dispatchAt({ value: 2, unit: 'h24' }, '2026-09-30 23:00').changes.deadlineAt).toBe(at('2026-10-01 01:00'));
		});

		it('no handling limit → no handling deadline', () => {
			const r = dispatchAt(null, '2026-09-30 10:00');
			expect(r.changes.deadlineAt).toBeNull();
			expect(r.event.payload).toEqual({ departmentId: 9, deadlineAt: null });
		});

		it('the 签收 step is 1 wh (一般) or 15 natural minutes (紧急)', () => {
			expect(dispatchAt(WD3, '2026-09-30 16:30').changes.stageDeadlineAt).toBe(at('2026-10-08 09:30'));
			expect(dispatchAt(WD3, '2026-09-30 16:30', '紧急').changes.stageDeadlineAt).toBe(at('2026-09-30 16:45'));
		});
	});

	it('register stores category, urgency and limit; the 派遣 step is 0.5 wh', () => {
		const cmd: CaseCommand = {
			action: 'register',
			categoryCode: 'SH-HWSR-02',
			urgency: '紧急',
			handleLimit: WH2,
			efficientLimit: null
		};
		const r = ok(applyCaseCommand(stateIn('accepted'), cmd, { now: at('2026-09-29 11:45'), calendar: cal }));
		expect(r.changes).toMatchObject({ categoryCode: 'SH-HWSR-02', urgency: '紧急', handleLimit: WH2 });
		expect(r.changes.stageDeadlineAt).toBe(at('2026-09-29 13:15'));
		expect(r.event.payload).toEqual({ categoryCode: 'SH-HWSR-02', urgency: '紧急' });
	});

	it('sign: the stage runs from 派遣 and stageDeadlineAt equals deadlineAt', () => {
		const r = ok(applyCaseCommand(stateIn('dispatched'), VALID.sign, { now: NOW, calendar: cal }));
		expect(r.changes.stageStartedAt).toBe(DISPATCHED_AT);
		expect(r.changes.stageDeadlineAt).toBe(DEADLINE);
		expect(r.changes.deadlineAt).toBeUndefined(); // signing does not move the handling deadline
	});

	it('feedback records feedbackAt and whether it was on time', () => {
		const onTime = ok(applyCaseCommand(stateIn('handling'), VALID.feedback, { now: NOW, calendar: cal }));
		expect(onTime.changes.feedbackAt).toBe(NOW);
		expect(onTime.event.payload).toEqual({ onTime: true });
		// 核查 is due 2 wh later: 10:00 → 12:00.
		expect(onTime.changes.stageDeadlineAt).toBe(at('2026-09-29 12:00'));
		const exactly = ok(applyCaseCommand(stateIn('handling'), VALID.feedback, { now: DEADLINE, calendar: cal }));
		expect(exactly.event.payload).toEqual({ onTime: true });
		const late = ok(applyCaseCommand(stateIn('handling'), VALID.feedback, { now: DEADLINE + 1, calendar: cal }));
		expect(late.event.payload).toEqual({ onTime: false });
	});

	it('request_return remembers where the case was and the reason code', () => {
		const cmd: CaseCommand = { action: 'request_return', reasonCode: 'wrong_location', note: ' 地址不在辖区 ' };
		const r = ok(applyCaseCommand(stateIn('dispatched'), cmd, { now: NOW, calendar: cal }));
		expect(r.changes.resumeStatus).toBe('dispatched');
		expect(r.event).toEqual({
			action: 'request_return',
			from: 'dispatched',
			to: 'return_requested',
			note: '地址不在辖区',
			payload: { reasonCode: 'wrong_location' }
		});
		expect(r.changes.stageDeadlineAt).toBe(computeDeadline(NOW, STAGE_LIMITS.decide, cal));
		expect(r.changes.stageDeadlineAt).toBe(at('2026-09-29 11:00'));
	});

	it('approve_return hands the case back to the dispatcher for 改派', () => {
		const r = ok(applyCaseCommand(stateIn('return_requested'), VALID.approve_return, { now: NOW, calendar: cal }));
		expect(r.next).toBe('registered');
		expect(r.changes).toMatchObject({
			resumeStatus: null,
			departmentId: null,
			dispatchedAt: null,
			deadlineAt: null,
			stageStartedAt: NOW
		});
		expect(r.changes.stageDeadlineAt).toBe(at('2026-09-29 10:30'));
	});

	it('request_extension stores the proposed deadline without changing the current one', () => {
		const r = ok(applyCaseCommand(stateIn('handling'), VALID.request_extension, { now: NOW, calendar: cal }));
		expect(r.changes).toMatchObject({ resumeStatus: 'handling', requestedDeadlineAt: REQUESTED });
		expect(r.changes.deadlineAt).toBeUndefined();
		expect(r.event.payload).toEqual({ proposedDeadline: REQUESTED, previousDeadline: DEADLINE });
		expect(r.event.note).toBe('需协调产权单位');
	});

	it('approve_extension replaces deadlineAt with the requested one', () => {
		const r = ok(
			applyCaseCommand(stateIn('extension_requested'), VALID.approve_extension, { now: NOW, calendar: cal })
		);
		expect(r.next).toBe('handling');
		expect(r.changes.deadlineAt).toBe(REQUESTED);
		expect(r.changes.requestedDeadlineAt).toBeNull();
		expect(r.changes.stageDeadlineAt).toBe(REQUESTED);
		expect(r.event.payload).toEqual({
			previousDeadline: DEADLINE,
			requestedDeadline: REQUESTED,
			deadlineAt: REQUESTED
		});
	});

	it('reject_extension keeps the old deadline and drops the request', () => {
		const r = ok(applyCaseCommand(stateIn('extension_requested'), VALID.reject_extension, { now: NOW, calendar: cal }));
		expect(r.changes.deadlineAt).toBeUndefined();
		expect(r.changes.requestedDeadlineAt).toBeNull();
		expect(r.changes.stageDeadlineAt).toBe(DEADLINE);
		expect(r.event.note).toBe('理由不充分');
	});

	it('park stops the stage clock and remembers when and from where', () => {
		const r = ok(
			applyCaseCommand(
				stateIn('handling'),
				{ action: 'park', reason: '  需管线单位施工 ' },
				{ now: NOW, calendar: cal }
			)
		);
		expect(r.changes).toMatchObject({
			status: 'parked',
			resumeStatus: 'handling',
			parkedAt: NOW,
			stageDeadlineAt: null
		});
		expect(r.changes.deadlineAt).toBeUndefined();
		expect(r.event).toEqual({ action: 'park', from: 'handling', to: 'parked', note: '需管线单位施工', payload: {} });
	});

	describe('park → unpark moves the deadline by the paused time in the limit’s own unit', () => {
		/** Parks at `from` and unparks at `to` through applyCaseCommand, like the server would. */
		function parkAndUnpark(state: CaseState, from: string, to: string) {
			const parked = ok(
				applyCaseCommand(state, { action: 'park', reason: '工程施工' }, { now: at(from), calendar: cal })
			);
			const stored: CaseState = { ...state, ...parked.changes };
			const r = ok(applyCaseCommand(stored, { action: 'unpark', note: '施工结束' }, { now: at(to), calendar: cal }));
			return { stored, r };
		}

		it('wh: parked 10:30–13:30 (2 working hours over lunch) moves 14:30 to 16:30', () => {
			// 4 wh dispatched 09:30: 09:30–12:00 + 13:00–14:30.
			const dispatchedAt = at('2026-09-29 09:30');
			const deadlineAt = computeDeadline(dispatchedAt, WH4, cal);
			expect(deadlineAt).toBe(at('2026-09-29 14:30'));
			const { stored, r } = parkAndUnpark(
				stateIn('handling', { handleLimit: WH4, dispatchedAt, deadlineAt }),
				'2026-09-29 10:30',
				'2026-09-29 13:30'
			);
			expect(stored.parkedAt).toBe(at('2026-09-29 10:30'));
			expect(r.changes.deadlineAt).toBe(at('2026-09-29 16:30'));
			expect(r.changes.parkedAt).toBeNull();
			expect(r.changes.stageDeadlineAt).toBe(at('2026-09-29 16:30'));
			expect(r.event.payload).toEqual({ previousDeadline: at('2026-09-29 14:30'), deadlineAt: at('2026-09-29 16:30') });
		});

		it('wh: a 2 working-hour pause that pushes past 17:00 continues on the next working day', () => {
			// 2 wh dispatched 14:00 → 16:00; parked 14:30–16:30 (2 wh) → 16:00 + 2 wh = 17:00 + 1 h next day.
			const dispatchedAt = at('2026-09-30 14:00');
			const deadlineAt = computeDeadline(dispatchedAt, WH2, cal);
			expect(deadlineAt).toBe(at('2026-09-30 16:00'));
			const { r } = parkAndUnpark(
				stateIn('handling', { handleLimit: WH2, dispatchedAt, deadlineAt }),
				'2026-09-30 14:30',
				'2026-09-30 16:30'
			);
			expect(r.changes.deadlineAt).toBe(at('2026-10-08 10:00'));
		});

		it('wd: a 2-hour pause within one working day pauses 0 whole working days: unchanged', () => {
			const { r } = parkAndUnpark(stateIn('handling'), '2026-09-29 10:00', '2026-09-29 12:00');
			expect(r.changes.deadlineAt).toBe(DEADLINE);
		});

		it('wd: parked over 3 working days moves the deadline by 3 working days', () => {
			// 5 wd dispatched 2026-09-22: 09-23, 09-24, (09-25 中秋), 09-28, 09-29, 09-30 → end of 09-30.
			const dispatchedAt = at('2026-09-22 10:00');
			const deadlineAt = computeDeadline(dispatchedAt, WD5, cal);
			expect(deadlineAt).toBe(endOf('2026-09-30'));
			// Paused 09-24 10:00 → 09-30 10:00: working days 09-24, 09-28, 09-29 (09-25 off, weekend) = 3.
			const { r } = parkAndUnpark(
				stateIn('handling', { handleLimit: WD5, dispatchedAt, deadlineAt }),
				'2026-09-24 10:00',
				'2026-09-30 10:00'
			);
			// 09-30 + 3 wd: 10-08, 10-09, 10-10 (Sat 调休) → end of 10-10.
			expect(r.changes.deadlineAt).toBe(endOf('2026-10-10'));
		});

		it('h24: natural time is added back', () => {
			const dispatchedAt = at('2026-09-29 10:00');
			const limit: Limit = { value: 2, unit: 'h24' };
			const deadlineAt = computeDeadline(dispatchedAt, limit, cal);
			const { r } = parkAndUnpark(
				stateIn('handling', { handleLimit: limit, dispatchedAt, deadlineAt }),
				'2026-09-29 10:30',
				'2026-09-29 11:30'
			);
			expect(r.changes.deadlineAt).toBe(at('2026-09-29 13:00'));
		});

		it('a case without a handling deadline stays without one', () => {
			const { r } = parkAndUnpark(
				stateIn('handling', { handleLimit: null, deadlineAt: null }),
				'2026-09-29 10:00',
				'2026-09-30 10:00'
			);
			expect(r.changes.deadlineAt).toBeNull();
		});
	});

	describe('check_fail (返工)', () => {
		it('goes back to the department, counts the rework and clears feedbackAt', () => {
			const state = stateIn('feedback', { reworkCount: 1 });
			const r = ok(
				applyCaseCommand(
					state,
					{ action: 'check_fail', note: ' 仍有垃圾 ', photoCount: 2 },
					{ now: NOW, calendar: cal }
				)
			);
			expect(r.next).toBe('handling');
			expect(r.changes).toMatchObject({
				reworkCount: 2,
				feedbackAt: null,
				stageStartedAt: DISPATCHED_AT,
				stageDeadlineAt: DEADLINE
			});
			expect(r.event).toEqual({
				action: 'check_fail',
				from: 'feedback',
				to: 'handling',
				note: '仍有垃圾',
				payload: {}
			});
		});

		it('a self-handled case (no department) goes to the dispatcher with a fresh 派遣 step', () => {
			const state = stateIn('feedback', { departmentId: null, dispatchedAt: at('2026-09-28 10:00') });
			const r = ok(applyCaseCommand(state, VALID.check_fail, { now: NOW, calendar: cal }));
			expect(r.next).toBe('registered');
			expect(r.changes.reworkCount).toBe(1);
			expect(r.changes.feedbackAt).toBeNull();
			// The dispatcher's 30 working minutes start when the case reaches them, not at the old report.
			expect(r.changes.stageStartedAt).toBe(NOW);
			expect(r.changes.stageDeadlineAt).toBe(at('2026-09-29 10:30'));
		});
	});

	it('check_pass and close: the 结案 step is 0.5 wh, then the clock stops', () => {
		const passed = ok(
			applyCaseCommand(stateIn('feedback'), VALID.check_pass, { now: at('2026-09-29 16:50'), calendar: cal })
		);
		expect(passed.changes.stageDeadlineAt).toBe(at('2026-09-30 09:20'));
		const closed = ok(applyCaseCommand(stateIn('checked'), VALID.close, { now: NOW, calendar: cal }));
		expect(closed.changes).toMatchObject({ closedAt: NOW, stageDeadlineAt: null });
	});

	it('void closes the case with the reason as note', () => {
		const r = ok(
			applyCaseCommand(stateIn('accepted'), { action: 'void', reason: ' 重复上报 ' }, { now: NOW, calendar: cal })
		);
		expect(r.changes).toMatchObject({ closedAt: NOW, stageDeadlineAt: null });
		expect(r.event).toEqual({ action: 'void', from: 'accepted', to: 'void', note: '重复上报', payload: {} });
	});

	it.each(OPEN_STATUSES)('supervise in %s flags the case and keeps the running step', (status) => {
		const state = stateIn(status);
		const r = ok(applyCaseCommand(state, { action: 'supervise', note: ' 请加快 ' }, { now: NOW, calendar: cal }));
		expect(r.next).toBe(status);
		expect(r.changes.supervised).toBe(true);
		expect(r.changes.stageStartedAt).toBeUndefined();
		const expectedStage = status === 'handling' ? DEADLINE : stageDeadline(status, state.stageStartedAt, state, cal);
		expect(r.changes.stageDeadlineAt).toBe(expectedStage);
		expect(r.event).toEqual({ action: 'supervise', from: status, to: status, note: '请加快', payload: {} });
	});

	it('the event note is trimmed, and null when absent or blank', () => {
		const ctx = { now: NOW, calendar: cal };
		expect(ok(applyCaseCommand(stateIn('reported'), { action: 'accept' }, ctx)).event.note).toBeNull();
		expect(ok(applyCaseCommand(stateIn('reported'), { action: 'accept', note: '  ' }, ctx)).event.note).toBeNull();
		expect(ok(applyCaseCommand(stateIn('reported'), { action: 'accept', note: ' 核实属实 ' }, ctx)).event.note).toBe(
			'核实属实'
		);
	});

	it('is pure: the input state is not modified (frozen fixtures would throw)', () => {
		const state = stateIn('handling');
		const copy = structuredClone(state);
		applyCaseCommand(state, VALID.park, { now: NOW, calendar: cal });
		expect(state).toEqual(copy);
	});
});
