import { describe, expect, it } from 'vitest';
import { applyCaseCommand, type CaseCommand, type CaseState } from './case-workflow';
import { computeDeadline, extendForPause, type Limit } from './deadlines';
import { at, cal, endOf } from './fixtures/time';
import { EFFICIENT_DEADLINE, NOW, ok, REQUESTED, stateIn, VALID, WD3, WD5, WH4 } from './case-workflow.fixtures';

// The efficient deadline's effects (split from case-workflow.effects.test.ts, same fixtures).
describe('effects', () => {
	describe('the efficient deadline (高效处置): set with the handling deadline, moved by 挂账, never by 延期', () => {
		const ctx = (when: string) => ({ now: at(when), calendar: cal });

		it.each<[string, Limit, Limit | null, string, number]>([
			// 3 wd → default 1 wd: the next working day after 2026-09-30 is 10-08 (10-01..10-07 off).
			['3 wd → 1 wd, over National Day', WD3, null, '2026-09-30 10:00', endOf('2026-10-08')],
			['5 wd → 2 wd', WD5, null, '2026-09-22 10:00', endOf('2026-09-24')],
			['4 wh → 2 wh, across lunch', WH4, null, '2026-09-29 11:00', at('2026-09-29 14:00')],
			['1 wd → 4 wh', { value: 1, unit: 'wd' }, null, '2026-09-29 15:00', at('2026-09-30 11:00')],
			['2 h24 → 1 h24, natural time', { value: 2, unit: 'h24' }, null, '2026-09-30 23:30', at('2026-10-01 00:30')],
			['the category’s own limit wins', WD5, { value: 3, unit: 'wh' }, '2026-09-29 16:00', at('2026-09-30 11:00')]
		])('dispatch %s', (_label, handleLimit, own, when, due) => {
			const registered = ok(
				applyCaseCommand(
					stateIn('accepted'),
					{ action: 'register', categoryCode: 'X', urgency: '一般', handleLimit, efficientLimit: own },
					ctx('2026-09-22 09:00')
				)
			);
			const state: CaseState = { ...stateIn('accepted'), ...registered.changes, status: 'registered' };
			const r = ok(applyCaseCommand(state, VALID.dispatch, ctx(when)));
			expect(r.changes.efficientDeadlineAt).toBe(due);
			expect(r.changes.deadlineAt).toBe(computeDeadline(at(when), handleLimit, cal));
			expect(r.changes.efficientDeadlineAt).toBeLessThanOrEqual(r.changes.deadlineAt!);
		});

		it('register stores the efficient limit in force: the category’s own, or the default', () => {
			const cmd = (efficientLimit: Limit | null): CaseCommand => ({
				action: 'register',
				categoryCode: 'SH-SSGL-02',
				urgency: '一般',
				handleLimit: WD3,
				efficientLimit
			});
			expect(
				ok(applyCaseCommand(stateIn('accepted'), cmd(null), ctx('2026-09-29 10:00'))).changes.efficientLimit
			).toEqual({ value: 1, unit: 'wd' });
			expect(
				ok(applyCaseCommand(stateIn('accepted'), cmd({ value: 2, unit: 'wh' }), ctx('2026-09-29 10:00'))).changes
					.efficientLimit
			).toEqual({ value: 2, unit: 'wh' });
			const none = {
				action: 'register',
				categoryCode: 'X',
				urgency: '一般',
				handleLimit: null,
				efficientLimit: { value: 2, unit: 'wh' }
			} as const;
			expect(
				ok(applyCaseCommand(stateIn('accepted'), none, ctx('2026-09-29 10:00'))).changes.efficientLimit
			).toBeNull();
		});

		it('no handling limit → no efficient deadline either', () => {
			const r = ok(
				applyCaseCommand(stateIn('registered', { handleLimit: null }), VALID.dispatch, ctx('2026-09-29 10:00'))
			);
			expect(r.changes).toMatchObject({ deadlineAt: null, efficientDeadlineAt: null });
		});

		it('回退 approved clears it; 改派 starts it again from the new dispatch', () => {
			const returned = ok(applyCaseCommand(stateIn('return_requested'), VALID.approve_return, ctx('2026-09-29 10:00')));
			expect(returned.changes.efficientDeadlineAt).toBeNull();
			const state: CaseState = { ...stateIn('return_requested'), ...returned.changes };
			const again = ok(applyCaseCommand(state, VALID.dispatch, ctx('2026-09-29 10:30')));
			// 1 wd from 2026-09-29 → end of 2026-09-30.
			expect(again.changes).toMatchObject({
				deadlineAt: computeDeadline(at('2026-09-29 10:30'), WD3, cal),
				efficientDeadlineAt: endOf('2026-09-30')
			});
		});

		it('sign, feedback, park, request/approve/reject 延期 leave it alone', () => {
			for (const [status, cmd] of [
				['dispatched', VALID.sign],
				['handling', VALID.feedback],
				['handling', VALID.park],
				['handling', VALID.request_extension],
				['extension_requested', VALID.approve_extension],
				['extension_requested', VALID.reject_extension]
			] as const) {
				const r = ok(applyCaseCommand(stateIn(status), cmd, { now: NOW, calendar: cal }));
				expect(r.changes.efficientDeadlineAt, `${status} ${cmd.action}`).toBeUndefined();
			}
			const approved = ok(
				applyCaseCommand(stateIn('extension_requested'), VALID.approve_extension, { now: NOW, calendar: cal })
			);
			expect({ ...stateIn('extension_requested'), ...approved.changes }).toMatchObject({
				deadlineAt: REQUESTED,
				efficientDeadlineAt: EFFICIENT_DEADLINE
			});
		});

		it('解挂 moves it by the paused time in the efficient limit’s own unit', () => {
			// 3 wd (efficient 1 wd) dispatched 2026-09-28: parked 09-29 10:00 → 10-08 10:00 pauses 09-29, 09-30 = 2 wd.
			const parked = ok(applyCaseCommand(stateIn('handling'), VALID.park, ctx('2026-09-29 10:00')));
			const stored: CaseState = { ...stateIn('handling'), ...parked.changes };
			const r = ok(applyCaseCommand(stored, VALID.unpark, ctx('2026-10-08 10:00')));
			expect(r.changes.efficientDeadlineAt).toBe(
				extendForPause(EFFICIENT_DEADLINE, at('2026-09-29 10:00'), at('2026-10-08 10:00'), 'wd', cal)
			);
			// end of 09-29 + 2 wd → 09-30, 10-08; the handling deadline, end of 10-08 + 2 wd → 10-09, 10-10 (Sat 调休).
			expect(r.changes.efficientDeadlineAt).toBe(endOf('2026-10-08'));
			expect(r.changes.deadlineAt).toBe(endOf('2026-10-10'));
		});

		it('解挂: a 1 wd case’s 4 wh efficient deadline moves by working hours while the wd deadline does not', () => {
			const WD1: Limit = { value: 1, unit: 'wd' };
			const dispatchedAt = at('2026-09-29 09:00');
			const state = stateIn('handling', {
				handleLimit: WD1,
				dispatchedAt,
				deadlineAt: computeDeadline(dispatchedAt, WD1, cal),
				efficientDeadlineAt: computeDeadline(dispatchedAt, { value: 4, unit: 'wh' }, cal)
			});
			expect(state.efficientLimit).toEqual({ value: 4, unit: 'wh' });
			expect(state.efficientDeadlineAt).toBe(at('2026-09-29 14:00'));
			const parked = ok(applyCaseCommand(state, VALID.park, ctx('2026-09-29 10:30')));
			const r = ok(applyCaseCommand({ ...state, ...parked.changes }, VALID.unpark, ctx('2026-09-29 13:30')));
			// 10:30–13:30 is 2 working hours: 14:00 → 16:00; the same-day pause moves no whole working day.
			expect(r.changes).toMatchObject({ efficientDeadlineAt: at('2026-09-29 16:00'), deadlineAt: endOf('2026-09-30') });
		});

		it('a case without an efficient deadline stays without one after 解挂', () => {
			const state = stateIn('parked', { handleLimit: null, deadlineAt: null });
			expect(state.efficientDeadlineAt).toBeNull();
			expect(
				ok(applyCaseCommand(state, VALID.unpark, { now: NOW, calendar: cal })).changes.efficientDeadlineAt
			).toBeNull();
		});
	});
});
