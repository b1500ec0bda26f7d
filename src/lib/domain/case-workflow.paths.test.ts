import { describe, expect, it } from 'vitest';
import {
	actionsInState,
	applyCaseCommand,
	type CaseCommand,
	type CaseEventDraft,
	type CaseState
} from './case-workflow';
import { openCase } from './case-opening';
import type { Limit } from './deadlines';
import { at, cal, endOf } from './fixtures/time';
import { ok, REQUESTED, stateIn, WD3, WH2 } from './case-workflow.fixtures';

// ---------------------------------------------------------------------------------------------
// Whole paths, chained through applyCaseCommand the way the server persists them.

interface Step {
	state: CaseState;
	events: CaseEventDraft[];
}
function begin(mode: 'report' | 'self_handle', when: string, handleLimit: Limit | null = null): Step {
	const opened = openCase(
		{
			mode,
			source: 'patrol',
			urgency: '一般',
			handleLimit,
			efficientLimit: null,
			beforePhotos: 1,
			afterPhotos: mode === 'self_handle' ? 1 : 0,
			note: '上报'
		},
		at(when),
		cal
	);
	if (!opened.ok) throw new Error(opened.reason);
	return { state: opened.state, events: [opened.event] };
}
function step(s: Step, cmd: CaseCommand, when: string): Step {
	const r = ok(applyCaseCommand(s.state, cmd, { now: at(when), calendar: cal }));
	expect(r.event.from).toBe(s.state.status);
	// categoryCode is a column of the case row, not part of the workflow state.
	const changes: Partial<CaseState> & { categoryCode?: string } = { ...r.changes };
	delete changes.categoryCode;
	return { state: { ...s.state, ...changes }, events: [...s.events, r.event] };
}
/** 上报 → 受理 → 立案 in the category → 派遣 to department 7, on one day at the four times given. */
function dispatchedTo7(categoryCode: string, handleLimit: Limit, day: string, times: [string, string, string, string]) {
	const [reported, accepted, registered, dispatched] = times.map((time) => `${day} ${time}`);
	let s = begin('report', reported);
	s = step(s, { action: 'accept' }, accepted);
	s = step(s, { action: 'register', categoryCode, urgency: '一般', handleLimit, efficientLimit: null }, registered);
	return step(s, { action: 'dispatch', departmentId: 7 }, dispatched);
}
/** The log of a case up to 签收, where every path here starts. */
const SIGNED = ['report', 'accept', 'register', 'dispatch', 'sign'];
function expectLinkedLog(events: CaseEventDraft[]) {
	for (let i = 1; i < events.length; i++) expect(events[i].from).toBe(events[i - 1].to);
}

describe('whole paths', () => {
	it('happy path: 上报 → 受理 → 立案 → 派遣 → 签收 → 处置反馈 → 核查 → 结案', () => {
		let s = begin('report', '2026-09-29 09:10');
		expect(s.state).toMatchObject({ status: 'reported', stageDeadlineAt: at('2026-09-29 09:40') });
		s = step(s, { action: 'accept', note: '核实属实' }, '2026-09-29 09:20');
		expect(s.state).toMatchObject({ status: 'accepted', stageDeadlineAt: at('2026-09-29 09:50') });
		s = step(
			s,
			{ action: 'register', categoryCode: 'SH-HWSR-02', urgency: '一般', handleLimit: WH2, efficientLimit: null },
			'2026-09-29 09:30'
		);
		expect(s.state).toMatchObject({ status: 'registered', handleLimit: WH2, stageDeadlineAt: at('2026-09-29 10:00') });
		s = step(s, { action: 'dispatch', departmentId: 7 }, '2026-09-29 09:40');
		expect(s.state).toMatchObject({
			status: 'dispatched',
			departmentId: 7,
			dispatchedAt: at('2026-09-29 09:40'),
			deadlineAt: at('2026-09-29 11:40'),
			efficientDeadlineAt: at('2026-09-29 10:40'), // default: half of 2 wh
			stageDeadlineAt: at('2026-09-29 10:40')
		});
		s = step(s, { action: 'sign' }, '2026-09-29 10:00');
		expect(s.state).toMatchObject({
			status: 'handling',
			stageStartedAt: at('2026-09-29 09:40'),
			stageDeadlineAt: at('2026-09-29 11:40')
		});
		s = step(s, { action: 'feedback', note: '已清扫', photoCount: 2 }, '2026-09-29 11:00');
		expect(s.events.at(-1)?.payload).toEqual({ onTime: true });
		expect(s.state).toMatchObject({
			status: 'feedback',
			feedbackAt: at('2026-09-29 11:00'),
			stageDeadlineAt: at('2026-09-29 14:00')
		});
		s = step(s, { action: 'check_pass', photoCount: 1 }, '2026-09-29 13:30');
		expect(s.state).toMatchObject({ status: 'checked', stageDeadlineAt: at('2026-09-29 14:00') });
		s = step(s, { action: 'close' }, '2026-09-29 13:45');
		expect(s.state).toMatchObject({
			status: 'closed',
			closedAt: at('2026-09-29 13:45'),
			stageDeadlineAt: null,
			reworkCount: 0,
			supervised: false
		});
		expect(s.events.map((e) => e.action)).toEqual([...SIGNED, 'feedback', 'check_pass', 'close']);
		expectLinkedLog(s.events);
		expect(actionsInState(s.state.status)).toEqual([]);
	});

	it('返工 + 延期 + 挂账 + 督办, chained', () => {
		let s = dispatchedTo7('SH-SSGL-02', WD3, '2026-09-22', ['09:00', '09:10', '09:20', '09:30']);
		// 3 wd after 09-22: 09-23, 09-24, (09-25 中秋, weekend) 09-28 → end of 09-28.
		expect(s.state.deadlineAt).toBe(endOf('2026-09-28'));
		s = step(s, { action: 'sign' }, '2026-09-22 10:00');
		s = step(s, { action: 'feedback', note: '已整理线缆', photoCount: 1 }, '2026-09-23 15:00');
		expect(s.state.feedbackAt).toBe(at('2026-09-23 15:00'));

		// 核查 fails: 返工.
		s = step(s, { action: 'check_fail', note: '仍有线缆垂落', photoCount: 1 }, '2026-09-24 09:30');
		expect(s.state).toMatchObject({
			status: 'handling',
			reworkCount: 1,
			feedbackAt: null,
			stageDeadlineAt: endOf('2026-09-28')
		});

		// 延期: a date before the current deadline is refused; a later one is requested and approved.
		const tooEarly = applyCaseCommand(
			s.state,
			{ action: 'request_extension', reason: '需产权单位配合', proposedDeadline: at('2026-09-28 12:00') },
			{ now: at('2026-09-24 10:00'), calendar: cal }
		);
		expect(tooEarly).toStrictEqual({ ok: false, reason: 'deadline_not_later' });
		s = step(
			s,
			{ action: 'request_extension', reason: '需产权单位配合', proposedDeadline: at('2026-10-09 17:00') },
			'2026-09-24 10:00'
		);
		expect(s.state).toMatchObject({
			status: 'extension_requested',
			resumeStatus: 'handling',
			requestedDeadlineAt: at('2026-10-09 17:00')
		});
		expect(s.state.deadlineAt).toBe(endOf('2026-09-28'));
		s = step(s, { action: 'approve_extension', note: '同意' }, '2026-09-24 11:00');
		expect(s.state).toMatchObject({
			status: 'handling',
			deadlineAt: at('2026-10-09 17:00'),
			requestedDeadlineAt: null,
			resumeStatus: null
		});

		// 挂账, 督办 while parked, 解挂.
		s = step(s, { action: 'park', reason: '等待管线单位施工' }, '2026-09-24 15:00');
		expect(s.state).toMatchObject({ status: 'parked', parkedAt: at('2026-09-24 15:00'), stageDeadlineAt: null });
		s = step(s, { action: 'supervise', note: '请跟进施工进度' }, '2026-09-28 10:00');
		expect(s.state).toMatchObject({ status: 'parked', supervised: true });
		s = step(s, { action: 'unpark' }, '2026-09-29 09:00');
		// Paused working days 09-24 and 09-28 (09-25 off, weekend) = 2: 10-09 17:00 → 10-10 (Sat 调休), 10-12 → 10-12 17:00.
		expect(s.state).toMatchObject({
			status: 'handling',
			parkedAt: null,
			deadlineAt: at('2026-10-12 17:00'),
			stageDeadlineAt: at('2026-10-12 17:00')
		});

		s = step(s, { action: 'feedback', note: '线缆已入管', photoCount: 2 }, '2026-10-12 16:00');
		expect(s.events.at(-1)?.payload).toEqual({ onTime: true });
		s = step(s, { action: 'check_pass', photoCount: 1 }, '2026-10-13 09:30');
		s = step(s, { action: 'close' }, '2026-10-13 10:00');
		expect(s.state).toMatchObject({
			status: 'closed',
			reworkCount: 1,
			supervised: true,
			closedAt: at('2026-10-13 10:00')
		});
		expect(s.events.map((e) => e.action)).toEqual([
			...SIGNED,
			'feedback',
			'check_fail',
			'request_extension',
			'approve_extension',
			'park',
			'supervise',
			'unpark',
			'feedback',
			'check_pass',
			'close'
		]);
		expectLinkedLog(s.events);
	});

	it('回退 approved → 改派 restarts the handling clock; a rejected 回退 resumes handling', () => {
		let s = dispatchedTo7('SH-HWSR-02', WH2, '2026-09-29', ['09:00', '09:05', '09:10', '09:15']);
		s = step(s, { action: 'request_return', reasonCode: 'not_our_duty', note: '属绿化部门' }, '2026-09-29 09:30');
		s = step(s, { action: 'approve_return' }, '2026-09-29 10:00');
		expect(s.state).toMatchObject({ status: 'registered', departmentId: null, dispatchedAt: null, deadlineAt: null });
		s = step(s, { action: 'dispatch', departmentId: 8, note: '改派' }, '2026-09-29 11:00');
		expect(s.state).toMatchObject({
			departmentId: 8,
			dispatchedAt: at('2026-09-29 11:00'),
			deadlineAt: at('2026-09-29 14:00')
		});
		s = step(s, { action: 'sign' }, '2026-09-29 11:10');
		s = step(s, { action: 'request_return', reasonCode: 'other', note: '再次申请' }, '2026-09-29 11:20');
		s = step(s, { action: 'reject_return', note: '属本部门职责' }, '2026-09-29 11:30');
		expect(s.state).toMatchObject({
			status: 'handling',
			resumeStatus: null,
			stageStartedAt: at('2026-09-29 11:00'),
			stageDeadlineAt: at('2026-09-29 14:00')
		});
		expectLinkedLog(s.events);
	});

	it('自行处置 that fails 核查 goes to the dispatcher, then through the normal loop', () => {
		let s = begin('self_handle', '2026-09-28 10:00', WH2);
		expect(s.state).toMatchObject({ status: 'feedback', departmentId: null });
		s = step(s, { action: 'check_fail', note: '未清理干净', photoCount: 1 }, '2026-09-29 10:00');
		expect(s.state).toMatchObject({
			status: 'registered',
			reworkCount: 1,
			stageStartedAt: at('2026-09-29 10:00'),
			stageDeadlineAt: at('2026-09-29 10:30')
		});
		s = step(s, { action: 'dispatch', departmentId: 7 }, '2026-09-29 10:10');
		expect(s.state.deadlineAt).toBe(at('2026-09-29 13:10')); // 10:10–12:00 + 13:00–13:10
		s = step(s, { action: 'sign' }, '2026-09-29 10:20');
		s = step(s, { action: 'feedback', note: '已清理', photoCount: 1 }, '2026-09-29 11:00');
		s = step(s, { action: 'check_pass', photoCount: 1 }, '2026-09-29 14:00');
		s = step(s, { action: 'close' }, '2026-09-29 14:10');
		expect(s.state).toMatchObject({ status: 'closed', reworkCount: 1 });
		expectLinkedLog(s.events);
	});
});

describe('approve_extension re-checks the requested date', () => {
	it('refuses a requested deadline that has passed by the time of approval, leaving nothing to persist', () => {
		const state = stateIn('extension_requested', { resumeStatus: 'handling', requestedDeadlineAt: REQUESTED });
		const r = applyCaseCommand(state, { action: 'approve_extension' }, { now: REQUESTED + 1, calendar: cal });
		expect(r).toEqual({ ok: false, reason: 'deadline_in_past' });
	});

	it('lets the dispatcher approve another date: the one asked for may have passed while it waited', () => {
		const state = stateIn('extension_requested', { resumeStatus: 'handling', requestedDeadlineAt: REQUESTED });
		const later = endOf('2026-10-20');
		const r = ok(
			applyCaseCommand(
				state,
				{ action: 'approve_extension', approvedDeadline: later },
				{ now: REQUESTED + 1, calendar: cal }
			)
		);
		expect(r.changes).toMatchObject({ status: 'handling', deadlineAt: later, requestedDeadlineAt: null });
		expect(r.event.payload).toMatchObject({ deadlineAt: later, requestedDeadline: REQUESTED });
	});

	it('refuses an approved date already past, or not after the current deadline, and changes nothing', () => {
		const state = stateIn('extension_requested', { resumeStatus: 'handling', requestedDeadlineAt: REQUESTED });
		const approve = (approvedDeadline: number, now: number) =>
			applyCaseCommand(state, { action: 'approve_extension', approvedDeadline }, { now, calendar: cal });
		expect(approve(REQUESTED, REQUESTED + 1)).toEqual({ ok: false, reason: 'deadline_in_past' });
		expect(approve(state.deadlineAt!, at('2026-09-29 10:00'))).toEqual({ ok: false, reason: 'deadline_not_later' });
		expect(state.requestedDeadlineAt).toBe(REQUESTED);
	});
});
