import { describe, expect, it } from 'vitest';
import { openHotlineOrder, type HotlineCommand, type HotlineEventDraft, type HotlineState } from './hotline-workflow';
import { judgeCompletion, judgeFirstContact } from './hotline-timing';
import { at, cal, endOf } from './fixtures/time';
import { apply, expectRejected, ok } from './hotline-workflow.fixtures';
import { COMPLAINT, CONSULT } from './fixtures/hotline-timeline';

// ---------------------------------------------------------------------------------------------
// A whole order, chained the way the service persists it.

interface Run {
	state: HotlineState;
	events: HotlineEventDraft[];
}
function step(s: Run, cmd: HotlineCommand, when: string): Run {
	const r = ok(apply(s.state, cmd, at(when)));
	expect(r.event.from).toBe(s.state.status);
	return { state: { ...s.state, ...r.changes }, events: [...s.events, r.event] };
}

describe('whole paths', () => {
	it('派单 → 派至部门 → 签收 → 先行联系 → 延期 → 答复 → 不满意 → 重办 → 答复 → 满意', () => {
		let s: Run = {
			state: openHotlineOrder({ receivedAt: at('2026-09-30 10:00'), orderLimit: COMPLAINT, hasPhone: true }, cal),
			events: []
		};
		s = step(s, { action: 'assign', departmentId: 7 }, '2026-09-30 11:00');
		expect(s.state.warnAt).toBe(at('2026-10-12 13:45'));
		s = step(s, { action: 'sign' }, '2026-09-30 16:00');
		expect(s.state).toMatchObject({ status: 'handling', firstContactDueAt: endOf('2026-10-08') });
		s = step(
			s,
			{ action: 'first_contact', at: at('2026-10-08 09:30'), outcome: 'contacted', method: 'sms', summary: '短信告知' },
			'2026-10-08 09:40'
		);
		expect(s.state.warnAt).toBe(at('2026-10-12 13:45'));
		// The cap for a receipt on 09-30 is the end of 10-27.
		expectRejected(
			apply(
				s.state,
				{ action: 'request_extension', proposedDeadline: at('2026-10-28 17:00'), reason: '需施工' },
				at('2026-10-12 10:00')
			),
			'extension_too_long'
		);
		s = step(
			s,
			{ action: 'request_extension', proposedDeadline: at('2026-10-16 17:00'), reason: '需施工' },
			'2026-10-12 10:00'
		);
		s = step(s, { action: 'approve_extension', note: '同意' }, '2026-10-12 11:00');
		// 33 working hours from 10-12 11:00 to 10-16 17:00; 75 % = 24.75 h → 10-15 15:45.
		expect(s.state).toMatchObject({
			status: 'handling',
			deadlineAt: at('2026-10-16 17:00'),
			warnAt: at('2026-10-15 15:45')
		});
		s = step(s, { action: 'reply', resolved: false, text: '已答复' }, '2026-10-15 10:00');
		s = step(s, { action: 'evaluate', satisfaction: '不满意', resolvedConfirmed: false }, '2026-10-16 09:00');
		expect(s.state).toMatchObject({ status: 'redo', redoDeadlineAt: endOf('2026-10-21'), redoCount: 1 });
		s = step(s, { action: 'supervise', note: '请跟进' }, '2026-10-19 10:00');
		expect(s.state.redoDeadlineAt).toBe(endOf('2026-10-21')); // 3 wd from 10-19 is 10-22: later, so kept
		s = step(s, { action: 'reply', resolved: true, text: '已解决' }, '2026-10-20 16:00');
		s = step(s, { action: 'evaluate', satisfaction: '满意', resolvedConfirmed: true }, '2026-10-21 09:00');
		expect(s.state).toMatchObject({
			status: 'completed',
			firstReplyAt: at('2026-10-15 10:00'),
			lastReplyAt: at('2026-10-20 16:00'),
			supervisedAt: at('2026-10-19 10:00'),
			completedAt: at('2026-10-21 09:00'),
			satisfaction: '满意'
		});
		for (let i = 1; i < s.events.length; i++) expect(s.events[i].from).toBe(s.events[i - 1].to);
		expect(judgeFirstContact(s.state, at('2026-10-21 09:00'))).toMatchObject({
			verdict: 'on_time',
			reason: 'contacted_before_due'
		});
		expect(judgeCompletion(s.state, at('2026-10-21 09:00'))).toMatchObject({
			verdict: 'on_time',
			countedAt: at('2026-10-15 10:00')
		});
	});

	it('退单 approved before 签收: excluded from both rates', () => {
		let s: Run = {
			state: openHotlineOrder({ receivedAt: at('2026-09-29 09:00'), orderLimit: CONSULT, hasPhone: true }, cal),
			events: []
		};
		s = step(s, { action: 'assign', departmentId: 7 }, '2026-09-29 09:10');
		s = step(
			s,
			{ action: 'request_return', reasonCode: 'duplicate', note: '与 2309001 重复', evidenceCount: 1 },
			'2026-09-29 09:30'
		);
		s = step(s, { action: 'approve_return' }, '2026-09-29 10:00');
		expect(s.state).toMatchObject({ status: 'returned', returnApprovedAt: at('2026-09-29 10:00'), warnAt: null });
		expect(judgeFirstContact(s.state, at('2026-10-30 10:00')).verdict).toBe('excluded');
		expect(judgeCompletion(s.state, at('2026-10-30 10:00')).verdict).toBe('excluded');
	});
});
