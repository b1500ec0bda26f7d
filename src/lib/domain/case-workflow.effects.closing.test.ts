import { describe, expect, it } from 'vitest';
import { OPEN_STATUSES } from './case-status';
import { applyCaseCommand } from './case-workflow';
import { stageDeadline } from './case-stages';
import { at, cal } from './fixtures/time';
import { DEADLINE, DISPATCHED_AT, NOW, ok, stateIn, VALID } from './case-workflow.fixtures';

// What 核查, 结案 and 作废 change, and what 督办 and every event note do in any open status.
// The other stages: case-workflow.effects.*.test.ts; shared set-up: case-workflow.fixtures.ts.

describe('effects: checking and closing, and actions in any open status', () => {
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
