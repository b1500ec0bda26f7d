import { describe, expect, it } from 'vitest';
import { applyCaseCommand, type CaseCommand, type CaseState } from './case-workflow';
import { STAGE_LIMITS } from './case-stages';
import { computeDeadline, type Limit } from './deadlines';
import { at, cal, endOf } from './fixtures/time';
import { DEADLINE, NOW, ok, REQUESTED, stateIn, VALID, WD5, WH2, WH4 } from './case-workflow.fixtures';

// What happens to the deadlines while a department handles the case: feedback, 回退 and 延期 requests, 挂账.
// The other stages: case-workflow.effects.*.test.ts; shared set-up: case-workflow.fixtures.ts.

describe('effects: handling, with 回退, 延期 and 挂账', () => {
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
});
