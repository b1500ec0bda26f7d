import { describe, expect, it } from 'vitest';
import { applyCaseCommand } from './case-workflow';
import { applyFastTrack, type FastTrackInput } from './case-fast-track';
import { stateIn, WD3, WD3_EFFICIENT, WH4 } from './case-workflow.fixtures';
import { computeDeadline } from './deadlines';
import { at, cal } from './fixtures/time';

const NOW = at('2026-09-29 10:00');
const ctx = { now: NOW, calendar: cal };
const input: FastTrackInput = {
	categoryCode: 'SH-HWSR-01',
	urgency: '一般',
	handleLimit: WH4,
	efficientLimit: null,
	departmentId: 3,
	note: '请尽快处理'
};

describe('受理 + 立案 + 派遣 on one screen', () => {
	it('gives the same case as the three steps one after the other, and their three events', () => {
		const r = applyFastTrack(stateIn('reported'), input, ctx);
		if (!r.ok) throw new Error(r.reason);
		expect(r.next).toBe('dispatched');
		expect(r.events.map((e) => [e.action, e.from, e.to])).toEqual([
			['accept', 'reported', 'accepted'],
			['register', 'accepted', 'registered'],
			['dispatch', 'registered', 'dispatched']
		]);
		expect(r.events[2].note).toBe('请尽快处理');
		expect(r.events[1].payload).toEqual({ categoryCode: 'SH-HWSR-01', urgency: '一般' });

		// Step by step with the reducer: the merged changes land on the same state.
		const a = applyCaseCommand(stateIn('reported'), { action: 'accept' }, ctx);
		if (!a.ok) throw new Error();
		const b = applyCaseCommand(
			{ ...stateIn('reported'), ...a.changes },
			{ action: 'register', categoryCode: 'SH-HWSR-01', urgency: '一般', handleLimit: WH4, efficientLimit: null },
			ctx
		);
		if (!b.ok) throw new Error();
		const { categoryCode: _c, ...bState } = b.changes;
		const c = applyCaseCommand(
			{ ...stateIn('reported'), ...a.changes, ...bState },
			{ action: 'dispatch', departmentId: 3, note: '请尽快处理' },
			ctx
		);
		if (!c.ok) throw new Error();
		expect(r.changes).toEqual({ ...a.changes, ...b.changes, ...c.changes });
		// The deadline is the chosen category's limit from 派遣 (now), not the old category's.
		expect(r.changes.deadlineAt).toBe(computeDeadline(NOW, WH4, cal));
		expect(r.changes.deadlineAt).not.toBe(computeDeadline(NOW, WD3, cal));
		expect(r.changes.departmentId).toBe(3);
		expect(r.changes.categoryCode).toBe('SH-HWSR-01');
	});

	it.each(['accepted', 'registered', 'dispatched', 'closed', 'void'] as const)(
		'refuses a case already %s at the first step it cannot take',
		(status) => {
			const r = applyFastTrack(stateIn(status), input, ctx);
			expect(r.ok).toBe(false);
			if (!r.ok) expect(r).toEqual({ ok: false, step: 'accept', reason: 'not_allowed_in_state' });
		}
	);

	it('keeps the category limits it is given (efficient default: half the handling limit)', () => {
		const r = applyFastTrack(stateIn('reported'), { ...input, handleLimit: WD3 }, ctx);
		if (!r.ok) throw new Error(r.reason);
		expect(r.changes.efficientLimit).toEqual(WD3_EFFICIENT);
	});
});
