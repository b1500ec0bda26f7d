import { describe, expect, it } from 'vitest';
import { hotlineActionsInState, hotlineStageDeadline } from './hotline-workflow';
import { warningInstant } from './deadlines';
import { at, cal } from './fixtures/time';
import { apply, NOT_CONTACTED, ok, stateIn, VALID } from './hotline-workflow.fixtures';
import { DEADLINE, NOW, RECEIVED_AT, REDO_DUE, REQUESTED, WARN } from './fixtures/hotline-timeline';

// 答复 and the 退单 / 延期 requests: which deadline and warning they keep, replace or stop.
// The other steps: hotline-workflow.effects.*.test.ts; shared set-up: hotline-workflow.fixtures.ts.

describe('effects: 答复, 退单 and 延期', () => {
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
});
