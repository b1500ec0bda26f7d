import { describe, expect, it } from 'vitest';
import { CASE_ACTIONS, CASE_STATUSES, OPEN_STATUSES, type CaseAction, type CaseStatus } from './case-status';
import { actionsInState, applyCaseCommand, isAllowedInState, TRANSITIONS, type CaseCommand } from './case-workflow';
import { at, cal, HOUR } from './fixtures/time';
import { fromEach } from './fixtures/transition-spec';
import { DEADLINE, DISPATCHED_AT, NOW, ok, REQUESTED, stateIn, VALID } from './case-workflow.fixtures';

// The transition table of the case workflow: which action is allowed from which status, where it lands,
// and which commands are refused. Effects on deadlines: case-workflow.effects.*.test.ts; whole paths: case-workflow.paths.test.ts.

/**
 * The specification: for each action, the statuses it may start from and where it lands
 * (with the fixture's resumeStatus 'handling' and departmentId 7). Absent = must be refused.
 */
const EXPECTED_NEXT: { [A in CaseAction]: Partial<Record<CaseStatus, CaseStatus>> } = {
	accept: { reported: 'accepted' },
	void: { reported: 'void', accepted: 'void', registered: 'void' },
	register: { accepted: 'registered' },
	dispatch: { registered: 'dispatched' },
	sign: { dispatched: 'handling' },
	feedback: { handling: 'feedback' },
	request_return: { dispatched: 'return_requested', handling: 'return_requested' },
	approve_return: { return_requested: 'registered' },
	reject_return: { return_requested: 'handling' },
	request_extension: { handling: 'extension_requested' },
	approve_extension: { extension_requested: 'handling' },
	reject_extension: { extension_requested: 'handling' },
	park: { dispatched: 'parked', handling: 'parked' },
	unpark: { parked: 'handling' },
	check_pass: { feedback: 'checked' },
	check_fail: { feedback: 'handling' },
	close: { checked: 'closed' },
	supervise: fromEach(OPEN_STATUSES)
};

const PAIRS = CASE_ACTIONS.flatMap((action) => CASE_STATUSES.map((status) => [action, status] as const));

describe('transition table: every (action, status) pair', () => {
	it('covers all 18 actions × 12 statuses', () => {
		expect(PAIRS).toHaveLength(CASE_ACTIONS.length * CASE_STATUSES.length);
		expect(Object.keys(EXPECTED_NEXT).sort()).toEqual([...CASE_ACTIONS].sort());
		expect(Object.keys(TRANSITIONS).sort()).toEqual([...CASE_ACTIONS].sort());
	});

	it.each(CASE_ACTIONS)('TRANSITIONS[%s] lists exactly the expected start statuses', (action) => {
		expect([...TRANSITIONS[action]].sort()).toEqual(Object.keys(EXPECTED_NEXT[action]).sort());
	});

	it.each(PAIRS)('%s from %s', (action, status) => {
		const state = stateIn(status);
		const expected = EXPECTED_NEXT[action][status];
		const result = applyCaseCommand(state, VALID[action], { now: NOW, calendar: cal });
		if (expected === undefined) {
			expect(isAllowedInState(action, status)).toBe(false);
			// Nothing to persist: no next status, no changes, no event.
			expect(result).toStrictEqual({ ok: false, reason: 'not_allowed_in_state' });
			return;
		}
		expect(isAllowedInState(action, status)).toBe(true);
		const r = ok(result);
		expect(r.next).toBe(expected);
		expect(r.changes.status).toBe(expected);
		expect(r.event).toMatchObject({ action, from: status, to: expected });
		expect('stageDeadlineAt' in r.changes).toBe(true);
		expect('stageWarnAt' in r.changes).toBe(true);
		if (expected !== status) expect(typeof r.changes.stageStartedAt).toBe('number');
		else expect('stageStartedAt' in r.changes).toBe(false);
	});

	it.each(CASE_STATUSES)('actionsInState(%s) offers exactly the allowed actions', (status) => {
		const expected = CASE_ACTIONS.filter((a) => EXPECTED_NEXT[a][status] !== undefined);
		expect([...actionsInState(status)].sort()).toEqual([...expected].sort());
	});

	it('closed and void are terminal: nothing at all is allowed', () => {
		expect(actionsInState('closed')).toEqual([]);
		expect(actionsInState('void')).toEqual([]);
	});

	it('督办 is allowed in every open status and only there', () => {
		expect([...TRANSITIONS.supervise].sort()).toEqual([...OPEN_STATUSES].sort());
	});

	it('a refused state wins over an invalid command (state is checked first)', () => {
		const r = applyCaseCommand(stateIn('closed'), { action: 'void', reason: '  ' }, { now: NOW, calendar: cal });
		expect(r).toStrictEqual({ ok: false, reason: 'not_allowed_in_state' });
		const r2 = applyCaseCommand(
			stateIn('handling'),
			{ action: 'check_pass', photoCount: 0 },
			{ now: NOW, calendar: cal }
		);
		expect(r2).toStrictEqual({ ok: false, reason: 'not_allowed_in_state' });
	});
});

describe('resuming: reject_return / unpark / approve_* / reject_* go back to resumeStatus', () => {
	const RESUME: ReadonlyArray<readonly [CaseAction, CaseStatus, CaseStatus]> = [
		['reject_return', 'return_requested', 'dispatched'],
		['reject_return', 'return_requested', 'handling'],
		['unpark', 'parked', 'dispatched'],
		['unpark', 'parked', 'handling'],
		['approve_extension', 'extension_requested', 'handling'],
		['reject_extension', 'extension_requested', 'handling']
	];
	it.each(RESUME)('%s from %s with resumeStatus %s', (action, from, resumeStatus) => {
		const state = stateIn(from, { resumeStatus });
		const r = ok(applyCaseCommand(state, VALID[action], { now: NOW, calendar: cal }));
		expect(r.next).toBe(resumeStatus);
		expect(r.changes.resumeStatus).toBeNull();
		expect(r.event).toMatchObject({ action, from, to: resumeStatus });
		if (resumeStatus === 'handling') {
			// 处置 keeps counting from 派遣: the stage is the handling deadline itself.
			expect(r.changes.stageStartedAt).toBe(DISPATCHED_AT);
			expect(r.changes.stageDeadlineAt).toBe(r.changes.deadlineAt ?? state.deadlineAt);
		} else {
			// Still waiting for 签收: a fresh 1 wh signing window from now (10:00 → 11:00).
			expect(r.changes.stageStartedAt).toBe(NOW);
			expect(r.changes.stageDeadlineAt).toBe(at('2026-09-29 11:00'));
		}
	});

	it('falls back to handling when resumeStatus is missing', () => {
		const r = ok(
			applyCaseCommand(stateIn('parked', { resumeStatus: null }), VALID.unpark, { now: NOW, calendar: cal })
		);
		expect(r.next).toBe('handling');
	});
});

describe('validation rejections', () => {
	const ctx = { now: NOW, calendar: cal };
	const BLANKS = ['', '   ', '\t\n '];

	const REASON_REQUIRED: ReadonlyArray<readonly [CaseStatus, (blank: string) => CaseCommand]> = [
		['reported', (b) => ({ action: 'void', reason: b })],
		['handling', (b) => ({ action: 'park', reason: b })],
		['dispatched', (b) => ({ action: 'park', reason: b })],
		['handling', (b) => ({ action: 'supervise', note: b })],
		['parked', (b) => ({ action: 'supervise', note: b })],
		['return_requested', (b) => ({ action: 'reject_return', note: b })],
		['extension_requested', (b) => ({ action: 'reject_extension', note: b })],
		['handling', (b) => ({ action: 'request_return', reasonCode: 'other', note: b })],
		['handling', (b) => ({ action: 'request_extension', reason: b, proposedDeadline: REQUESTED })],
		['handling', (b) => ({ action: 'feedback', note: b, photoCount: 1 })],
		['feedback', (b) => ({ action: 'check_fail', note: b, photoCount: 1 })]
	];
	const reasonCases = REASON_REQUIRED.flatMap(([status, make]) =>
		BLANKS.map((b) => [make(b).action, status, JSON.stringify(b), make(b)] as const)
	);
	it.each(reasonCases)('%s from %s with reason %s → reason_required', (_a, status, _b, cmd) => {
		expect(applyCaseCommand(stateIn(status), cmd, ctx)).toStrictEqual({ ok: false, reason: 'reason_required' });
	});

	const PHOTO_REQUIRED: ReadonlyArray<readonly [CaseStatus, CaseCommand]> = [
		['handling', { action: 'feedback', note: '已整改', photoCount: 0 }],
		['feedback', { action: 'check_pass', photoCount: 0 }],
		['feedback', { action: 'check_pass', note: '已复核', photoCount: 0 }],
		['feedback', { action: 'check_fail', note: '未整改', photoCount: 0 }]
	];
	it.each(PHOTO_REQUIRED)('from %s: %o → photo_required', (status, cmd) => {
		expect(applyCaseCommand(stateIn(status), cmd, ctx)).toStrictEqual({ ok: false, reason: 'photo_required' });
	});

	const EXTENSION: ReadonlyArray<readonly [string, number, 'deadline_in_past' | 'deadline_not_later']> = [
		['yesterday', NOW - 24 * HOUR, 'deadline_in_past'],
		['exactly now', NOW, 'deadline_in_past'],
		['later today but before the deadline', NOW + 2 * HOUR, 'deadline_not_later'],
		['one minute before the deadline', DEADLINE - 60_000, 'deadline_not_later'],
		['equal to the current deadline', DEADLINE, 'deadline_not_later']
	];
	it.each(EXTENSION)('request_extension proposing %s → %s', (_label, proposedDeadline, reason) => {
		const cmd: CaseCommand = { action: 'request_extension', reason: '需协调', proposedDeadline };
		expect(applyCaseCommand(stateIn('handling'), cmd, ctx)).toStrictEqual({ ok: false, reason });
	});

	it('request_extension one minute after the current deadline is accepted', () => {
		const cmd: CaseCommand = { action: 'request_extension', reason: '需协调', proposedDeadline: DEADLINE + 60_000 };
		expect(ok(applyCaseCommand(stateIn('handling'), cmd, ctx)).next).toBe('extension_requested');
	});

	it('request_extension on a case with no handling deadline only needs a future date', () => {
		const state = stateIn('handling', { handleLimit: null, deadlineAt: null });
		const cmd: CaseCommand = { action: 'request_extension', reason: '专项整治', proposedDeadline: NOW + HOUR };
		expect(ok(applyCaseCommand(state, cmd, ctx)).changes.requestedDeadlineAt).toBe(NOW + HOUR);
	});
});
