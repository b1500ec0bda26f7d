import { describe, expect, it } from 'vitest';
import { hotlineStageDeadline, type HotlineState } from './hotline-workflow';
import { warningInstant } from './deadlines';
import { at, cal, endOf } from './fixtures/time';
import { apply, NOT_CONTACTED, ok, stateIn, VALID } from './hotline-workflow.fixtures';
import { CAP, COMPLEX, CONSULT, CONTACT_DUE, DEADLINE, NOW, REDO_DUE, WARN } from './fixtures/hotline-timeline';

// 督办 and the citizen's 评价: the 3 wd 督办 clock, 重办 and its deadline; and the deadline each step counts down to.
// The other steps: hotline-workflow.effects.*.test.ts; shared set-up: hotline-workflow.fixtures.ts.

describe('effects: 督办 and 评价 (重办)', () => {
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
