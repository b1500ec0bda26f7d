import { describe, expect, it } from 'vitest';
import { applyCaseCommand, type CaseCommand } from './case-workflow';
import type { Limit } from './deadlines';
import { at, cal, endOf } from './fixtures/time';
import { DEADLINE, DISPATCHED_AT, NOW, ok, stateIn, VALID, WD3, WD5, WH2, WH4 } from './case-workflow.fixtures';

// What registering, dispatching and signing change: the handling deadline on the official calendar and the step clocks.
// The other stages: case-workflow.effects.*.test.ts; shared set-up: case-workflow.fixtures.ts.

describe('effects: intake, the 立案 → 派遣 → 签收 steps and their clocks', () => {
	it('uses the category limits it claims to', () => {
		expect(WD3).toEqual({ value: 3, unit: 'wd' });
		expect(WH2).toEqual({ value: 2, unit: 'wh' });
		expect(WH4).toEqual({ value: 4, unit: 'wh' });
		expect(WD5).toEqual({ value: 5, unit: 'wd' });
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

	it('sign: the stage runs from 派遣 and stageDeadlineAt equals deadlineAt', () => {
		const r = ok(applyCaseCommand(stateIn('dispatched'), VALID.sign, { now: NOW, calendar: cal }));
		expect(r.changes.stageStartedAt).toBe(DISPATCHED_AT);
		expect(r.changes.stageDeadlineAt).toBe(DEADLINE);
		expect(r.changes.deadlineAt).toBeUndefined(); // signing does not move the handling deadline
	});
});
