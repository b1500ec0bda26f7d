import { describe, expect, it } from 'vitest';
import { CASE_ACTIONS, CASE_STATUSES, OPEN_STATUSES, type CaseAction, type CaseStatus } from './case-status';
import {
	actionsInState,
	applyCaseCommand,
	isAllowedInState,
	TRANSITIONS,
	type CaseCommand,
	type CaseEventDraft,
	type CaseState,
	type TransitionResult
} from './case-workflow';
import { openCase } from './case-opening';
import { STAGE_LIMITS, stageDeadline } from './case-stages';
import { computeDeadline, type Limit, type LimitUnit } from './deadlines';
import { createCalendar } from './working-days';
import { lastYear, makeupWorkdays, offDays, workingHours } from './fixtures/calendar-cn';
import { categoriesData } from './fixtures/categories';

// Official calendar (State Council notices 2023–2026). The dates these tests lean on, 2026:
//   2026-09-20 Sun make-up workday; 2026-09-25 Fri off (中秋);
//   2026-10-01..10-07 National Day break (10-01, 10-02, 10-05, 10-06, 10-07 off + weekend 10-03/04);
//   2026-10-10 Sat make-up workday. Working hours 09:00–12:00, 13:00–17:00.
const cal = createCalendar({ offDays, makeupWorkdays, lastYear, workingHours });

/** An instant given as Asia/Shanghai wall time 'YYYY-MM-DD HH:mm' (explicit +08:00: the process TZ never matters). */
const at = (s: string): number => {
	const ms = Date.parse(`${s.replace(' ', 'T')}:00+08:00`);
	if (Number.isNaN(ms)) throw new Error(`bad test time ${s}`);
	return ms;
};
/** 24:00 of a Shanghai date: where an N wd deadline lands. */
const endOf = (date: string): number => at(`${date} 00:00`) + 86_400_000;
const HOUR = 3_600_000;

const UNITS: readonly LimitUnit[] = ['wh', 'wd', 'h24'];
/** The handling limit of a demo category (fixtures/categories.ts, i.e. categories.json). */
function categoryLimit(code: string): Limit {
	const c = categoriesData.categories.find((x) => x.code === code);
	if (!c || !('handleLimit' in c) || !c.handleLimit) throw new Error(`no handleLimit for ${code}`);
	const { value, unit } = c.handleLimit;
	if (!(UNITS as readonly string[]).includes(unit)) throw new Error(`bad unit ${unit}`);
	return { value, unit: unit as LimitUnit };
}
const WD3 = categoryLimit('SH-SSGL-02'); // 架空线乱设: 3 wd
const WH2 = categoryLimit('SH-HWSR-02'); // 道路保洁: 2 wh
const WH4 = categoryLimit('SH-HWSR-01'); // 暴露垃圾: 4 wh
const WD5 = categoryLimit('SH-HWSR-05'); // 5 wd

it('uses the category limits it claims to', () => {
	expect(WD3).toEqual({ value: 3, unit: 'wd' });
	expect(WH2).toEqual({ value: 2, unit: 'wh' });
	expect(WH4).toEqual({ value: 4, unit: 'wh' });
	expect(WD5).toEqual({ value: 5, unit: 'wd' });
});

// ---------------------------------------------------------------------------------------------
// Fixture states: one representative case per status.

const NOW = at('2026-09-29 10:00'); // Tuesday, a working day
const DISPATCHED_AT = at('2026-09-28 10:00'); // Monday
// 3 wd after 2026-09-28: 09-29, 09-30, (10-01..10-07 holiday) 10-08 → end of 2026-10-08.
const DEADLINE = endOf('2026-10-08');
const REQUESTED = at('2026-10-12 17:00');
const PRE_DISPATCH: readonly CaseStatus[] = ['reported', 'accepted', 'registered'];
const PAUSED: readonly CaseStatus[] = ['return_requested', 'extension_requested', 'parked'];

function stateIn(status: CaseStatus, over: Partial<CaseState> = {}): CaseState {
	const pre = PRE_DISPATCH.includes(status);
	return Object.freeze({
		status,
		resumeStatus: PAUSED.includes(status) ? 'handling' : null,
		urgency: '一般',
		handleLimit: WD3,
		departmentId: pre ? null : 7,
		dispatchedAt: pre ? null : DISPATCHED_AT,
		deadlineAt: pre ? null : DEADLINE,
		stageStartedAt: at('2026-09-29 09:00'),
		stageDeadlineAt: null,
		stageWarnAt: null,
		parkedAt: status === 'parked' ? at('2026-09-29 09:30') : null,
		requestedDeadlineAt: status === 'extension_requested' ? REQUESTED : null,
		feedbackAt: ['feedback', 'checked', 'closed'].includes(status) ? at('2026-09-29 09:00') : null,
		closedAt: status === 'closed' || status === 'void' ? at('2026-09-29 09:45') : null,
		reworkCount: 0,
		supervised: false,
		...over
	} satisfies CaseState);
}

type CommandOf<A extends CaseAction> = Extract<CaseCommand, { action: A }>;
/** A command that passes validation for each action. */
const VALID: { [A in CaseAction]: CommandOf<A> } = {
	accept: { action: 'accept' },
	void: { action: 'void', reason: '重复上报' },
	register: { action: 'register', categoryCode: 'SH-SSGL-02', urgency: '一般', handleLimit: WD3 },
	dispatch: { action: 'dispatch', departmentId: 7 },
	sign: { action: 'sign' },
	feedback: { action: 'feedback', note: '已整改', photoCount: 1 },
	request_return: { action: 'request_return', reasonCode: 'not_our_duty', note: '非本部门职责' },
	approve_return: { action: 'approve_return' },
	reject_return: { action: 'reject_return', note: '属本部门职责' },
	request_extension: { action: 'request_extension', reason: '需协调产权单位', proposedDeadline: REQUESTED },
	approve_extension: { action: 'approve_extension' },
	reject_extension: { action: 'reject_extension', note: '理由不充分' },
	park: { action: 'park', reason: '需工程施工' },
	unpark: { action: 'unpark' },
	check_pass: { action: 'check_pass', photoCount: 1 },
	check_fail: { action: 'check_fail', note: '仍有乱拉线缆', photoCount: 1 },
	close: { action: 'close' },
	supervise: { action: 'supervise', note: '请加快处置' }
};

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
	supervise: {
		reported: 'reported',
		accepted: 'accepted',
		registered: 'registered',
		dispatched: 'dispatched',
		handling: 'handling',
		return_requested: 'return_requested',
		extension_requested: 'extension_requested',
		parked: 'parked',
		feedback: 'feedback',
		checked: 'checked'
	}
};

function ok(r: TransitionResult) {
	if (!r.ok) throw new Error(`expected success, got ${r.reason}`);
	return r;
}

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
		const r2 = applyCaseCommand(stateIn('handling'), { action: 'check_pass', photoCount: 0 }, { now: NOW, calendar: cal });
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
		const r = ok(applyCaseCommand(stateIn('parked', { resumeStatus: null }), VALID.unpark, { now: NOW, calendar: cal }));
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

describe('effects', () => {
	describe('dispatch: the handling clock starts, on the official calendar', () => {
		const dispatchAt = (limit: Limit | null, when: string, urgency: '一般' | '紧急' = '一般') =>
			ok(
				applyCaseCommand(stateIn('registered', { handleLimit: limit, urgency }), { action: 'dispatch', departmentId: 9, note: ' 请处置 ' }, {
					now: at(when),
					calendar: cal
				})
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

	it('register stores category, urgency and limit; the 派遣 step is 0.5 wh', () => {
		const cmd: CaseCommand = { action: 'register', categoryCode: 'SH-HWSR-02', urgency: '紧急', handleLimit: WH2 };
		const r = ok(applyCaseCommand(stateIn('accepted'), cmd, { now: at('2026-09-29 11:45'), calendar: cal }));
		expect(r.changes).toMatchObject({ categoryCode: 'SH-HWSR-02', urgency: '紧急', handleLimit: WH2 });
		expect(r.changes.stageDeadlineAt).toBe(at('2026-09-29 13:15'));
		expect(r.event.payload).toEqual({ categoryCode: 'SH-HWSR-02', urgency: '紧急' });
	});

	it('sign: the stage runs from 派遣 and stageDeadlineAt equals deadlineAt', () => {
		const r = ok(applyCaseCommand(stateIn('dispatched'), VALID.sign, { now: NOW, calendar: cal }));
		expect(r.changes.stageStartedAt).toBe(DISPATCHED_AT);
		expect(r.changes.stageDeadlineAt).toBe(DEADLINE);
		expect(r.changes.deadlineAt).toBeUndefined(); // signing does not move the handling deadline
	});

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
		expect(r.event).toEqual({ action: 'request_return', from: 'dispatched', to: 'return_requested', note: '地址不在辖区', payload: { reasonCode: 'wrong_location' } });
		expect(r.changes.stageDeadlineAt).toBe(computeDeadline(NOW, STAGE_LIMITS.decide, cal));
		expect(r.changes.stageDeadlineAt).toBe(at('2026-09-29 11:00'));
	});

	it('approve_return hands the case back to the dispatcher for 改派', () => {
		const r = ok(applyCaseCommand(stateIn('return_requested'), VALID.approve_return, { now: NOW, calendar: cal }));
		expect(r.next).toBe('registered');
		expect(r.changes).toMatchObject({ resumeStatus: null, departmentId: null, dispatchedAt: null, deadlineAt: null, stageStartedAt: NOW });
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
		const r = ok(applyCaseCommand(stateIn('extension_requested'), VALID.approve_extension, { now: NOW, calendar: cal }));
		expect(r.next).toBe('handling');
		expect(r.changes.deadlineAt).toBe(REQUESTED);
		expect(r.changes.requestedDeadlineAt).toBeNull();
		expect(r.changes.stageDeadlineAt).toBe(REQUESTED);
		expect(r.event.payload).toEqual({ previousDeadline: DEADLINE, deadlineAt: REQUESTED });
	});

	it('reject_extension keeps the old deadline and drops the request', () => {
		const r = ok(applyCaseCommand(stateIn('extension_requested'), VALID.reject_extension, { now: NOW, calendar: cal }));
		expect(r.changes.deadlineAt).toBeUndefined();
		expect(r.changes.requestedDeadlineAt).toBeNull();
		expect(r.changes.stageDeadlineAt).toBe(DEADLINE);
		expect(r.event.note).toBe('理由不充分');
	});

	it('park stops the stage clock and remembers when and from where', () => {
		const r = ok(applyCaseCommand(stateIn('handling'), { action: 'park', reason: '  需管线单位施工 ' }, { now: NOW, calendar: cal }));
		expect(r.changes).toMatchObject({ status: 'parked', resumeStatus: 'handling', parkedAt: NOW, stageDeadlineAt: null });
		expect(r.changes.deadlineAt).toBeUndefined();
		expect(r.event).toEqual({ action: 'park', from: 'handling', to: 'parked', note: '需管线单位施工', payload: {} });
	});

	describe('park → unpark moves the deadline by the paused time in the limit’s own unit', () => {
		/** Parks at `from` and unparks at `to` through applyCaseCommand, like the server would. */
		function parkAndUnpark(state: CaseState, from: string, to: string) {
			const parked = ok(applyCaseCommand(state, { action: 'park', reason: '工程施工' }, { now: at(from), calendar: cal }));
			const stored: CaseState = { ...state, ...parked.changes };
			const r = ok(applyCaseCommand(stored, { action: 'unpark', note: '施工结束' }, { now: at(to), calendar: cal }));
			return { stored, r };
		}

		it('wh: parked 10:30–13:30 (2 working hours over lunch) moves 14:30 to 16:30', () => {
			// 4 wh dispatched 09:30: 09:30–12:00 + 13:00–14:30.
			const dispatchedAt = at('2026-09-29 09:30');
			const deadlineAt = computeDeadline(dispatchedAt, WH4, cal);
			expect(deadlineAt).toBe(at('2026-09-29 14:30'));
			const { stored, r } = parkAndUnpark(stateIn('handling', { handleLimit: WH4, dispatchedAt, deadlineAt }), '2026-09-29 10:30', '2026-09-29 13:30');
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
			const { r } = parkAndUnpark(stateIn('handling', { handleLimit: WH2, dispatchedAt, deadlineAt }), '2026-09-30 14:30', '2026-09-30 16:30');
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
			const { r } = parkAndUnpark(stateIn('handling', { handleLimit: WD5, dispatchedAt, deadlineAt }), '2026-09-24 10:00', '2026-09-30 10:00');
			// 09-30 + 3 wd: 10-08, 10-09, 10-10 (Sat 调休) → end of 10-10.
			expect(r.changes.deadlineAt).toBe(endOf('2026-10-10'));
		});

		it('h24: natural time is added back', () => {
			const dispatchedAt = at('2026-09-29 10:00');
			const limit: Limit = { value: 2, unit: 'h24' };
			const deadlineAt = computeDeadline(dispatchedAt, limit, cal);
			const { r } = parkAndUnpark(stateIn('handling', { handleLimit: limit, dispatchedAt, deadlineAt }), '2026-09-29 10:30', '2026-09-29 11:30');
			expect(r.changes.deadlineAt).toBe(at('2026-09-29 13:00'));
		});

		it('a case without a handling deadline stays without one', () => {
			const { r } = parkAndUnpark(stateIn('handling', { handleLimit: null, deadlineAt: null }), '2026-09-29 10:00', '2026-09-30 10:00');
			expect(r.changes.deadlineAt).toBeNull();
		});
	});

	describe('check_fail (返工)', () => {
		it('goes back to the department, counts the rework and clears feedbackAt', () => {
			const state = stateIn('feedback', { reworkCount: 1 });
			const r = ok(applyCaseCommand(state, { action: 'check_fail', note: ' 仍有垃圾 ', photoCount: 2 }, { now: NOW, calendar: cal }));
			expect(r.next).toBe('handling');
			expect(r.changes).toMatchObject({ reworkCount: 2, feedbackAt: null, stageStartedAt: DISPATCHED_AT, stageDeadlineAt: DEADLINE });
			expect(r.event).toEqual({ action: 'check_fail', from: 'feedback', to: 'handling', note: '仍有垃圾', payload: {} });
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
		const passed = ok(applyCaseCommand(stateIn('feedback'), VALID.check_pass, { now: at('2026-09-29 16:50'), calendar: cal }));
		expect(passed.changes.stageDeadlineAt).toBe(at('2026-09-30 09:20'));
		const closed = ok(applyCaseCommand(stateIn('checked'), VALID.close, { now: NOW, calendar: cal }));
		expect(closed.changes).toMatchObject({ closedAt: NOW, stageDeadlineAt: null });
	});

	it('void closes the case with the reason as note', () => {
		const r = ok(applyCaseCommand(stateIn('accepted'), { action: 'void', reason: ' 重复上报 ' }, { now: NOW, calendar: cal }));
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
		expect(ok(applyCaseCommand(stateIn('reported'), { action: 'accept', note: ' 核实属实 ' }, ctx)).event.note).toBe('核实属实');
	});

	it('is pure: the input state is not modified (frozen fixtures would throw)', () => {
		const state = stateIn('handling');
		const copy = structuredClone(state);
		applyCaseCommand(state, VALID.park, { now: NOW, calendar: cal });
		expect(state).toEqual(copy);
	});
});

// ---------------------------------------------------------------------------------------------
// Whole paths, chained through applyCaseCommand the way the server persists them.

interface Step {
	state: CaseState;
	events: CaseEventDraft[];
}
function begin(mode: 'report' | 'self_handle', when: string, handleLimit: Limit | null = null): Step {
	const opened = openCase(
		{ mode, source: 'patrol', urgency: '一般', handleLimit, beforePhotos: 1, afterPhotos: mode === 'self_handle' ? 1 : 0, note: '上报' },
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
function expectLinkedLog(events: CaseEventDraft[]) {
	for (let i = 1; i < events.length; i++) expect(events[i].from).toBe(events[i - 1].to);
}

describe('whole paths', () => {
	it('happy path: 上报 → 受理 → 立案 → 派遣 → 签收 → 处置反馈 → 核查 → 结案', () => {
		let s = begin('report', '2026-09-29 09:10');
		expect(s.state).toMatchObject({ status: 'reported', stageDeadlineAt: at('2026-09-29 09:40') });
		s = step(s, { action: 'accept', note: '核实属实' }, '2026-09-29 09:20');
		expect(s.state).toMatchObject({ status: 'accepted', stageDeadlineAt: at('2026-09-29 09:50') });
		s = step(s, { action: 'register', categoryCode: 'SH-HWSR-02', urgency: '一般', handleLimit: WH2 }, '2026-09-29 09:30');
		expect(s.state).toMatchObject({ status: 'registered', handleLimit: WH2, stageDeadlineAt: at('2026-09-29 10:00') });
		s = step(s, { action: 'dispatch', departmentId: 7 }, '2026-09-29 09:40');
		expect(s.state).toMatchObject({
			status: 'dispatched',
			departmentId: 7,
			dispatchedAt: at('2026-09-29 09:40'),
			deadlineAt: at('2026-09-29 11:40'),
			stageDeadlineAt: at('2026-09-29 10:40')
		});
		s = step(s, { action: 'sign' }, '2026-09-29 10:00');
		expect(s.state).toMatchObject({ status: 'handling', stageStartedAt: at('2026-09-29 09:40'), stageDeadlineAt: at('2026-09-29 11:40') });
		s = step(s, { action: 'feedback', note: '已清扫', photoCount: 2 }, '2026-09-29 11:00');
		expect(s.events.at(-1)?.payload).toEqual({ onTime: true });
		expect(s.state).toMatchObject({ status: 'feedback', feedbackAt: at('2026-09-29 11:00'), stageDeadlineAt: at('2026-09-29 14:00') });
		s = step(s, { action: 'check_pass', photoCount: 1 }, '2026-09-29 13:30');
		expect(s.state).toMatchObject({ status: 'checked', stageDeadlineAt: at('2026-09-29 14:00') });
		s = step(s, { action: 'close' }, '2026-09-29 13:45');
		expect(s.state).toMatchObject({ status: 'closed', closedAt: at('2026-09-29 13:45'), stageDeadlineAt: null, reworkCount: 0, supervised: false });
		expect(s.events.map((e) => e.action)).toEqual(['report', 'accept', 'register', 'dispatch', 'sign', 'feedback', 'check_pass', 'close']);
		expectLinkedLog(s.events);
		expect(actionsInState(s.state.status)).toEqual([]);
	});

	it('返工 + 延期 + 挂账 + 督办, chained', () => {
		let s = begin('report', '2026-09-22 09:00');
		s = step(s, { action: 'accept' }, '2026-09-22 09:10');
		s = step(s, { action: 'register', categoryCode: 'SH-SSGL-02', urgency: '一般', handleLimit: WD3 }, '2026-09-22 09:20');
		s = step(s, { action: 'dispatch', departmentId: 7 }, '2026-09-22 09:30');
		// 3 wd after 09-22: 09-23, 09-24, (09-25 中秋, weekend) 09-28 → end of 09-28.
		expect(s.state.deadlineAt).toBe(endOf('2026-09-28'));
		s = step(s, { action: 'sign' }, '2026-09-22 10:00');
		s = step(s, { action: 'feedback', note: '已整理线缆', photoCount: 1 }, '2026-09-23 15:00');
		expect(s.state.feedbackAt).toBe(at('2026-09-23 15:00'));

		// 核查 fails: 返工.
		s = step(s, { action: 'check_fail', note: '仍有线缆垂落', photoCount: 1 }, '2026-09-24 09:30');
		expect(s.state).toMatchObject({ status: 'handling', reworkCount: 1, feedbackAt: null, stageDeadlineAt: endOf('2026-09-28') });

		// 延期: a date before the current deadline is refused; a later one is requested and approved.
		const tooEarly = applyCaseCommand(
			s.state,
			{ action: 'request_extension', reason: '需产权单位配合', proposedDeadline: at('2026-09-28 12:00') },
			{ now: at('2026-09-24 10:00'), calendar: cal }
		);
		expect(tooEarly).toStrictEqual({ ok: false, reason: 'deadline_not_later' });
		s = step(s, { action: 'request_extension', reason: '需产权单位配合', proposedDeadline: at('2026-10-09 17:00') }, '2026-09-24 10:00');
		expect(s.state).toMatchObject({ status: 'extension_requested', resumeStatus: 'handling', requestedDeadlineAt: at('2026-10-09 17:00') });
		expect(s.state.deadlineAt).toBe(endOf('2026-09-28'));
		s = step(s, { action: 'approve_extension', note: '同意' }, '2026-09-24 11:00');
		expect(s.state).toMatchObject({ status: 'handling', deadlineAt: at('2026-10-09 17:00'), requestedDeadlineAt: null, resumeStatus: null });

		// 挂账, 督办 while parked, 解挂.
		s = step(s, { action: 'park', reason: '等待管线单位施工' }, '2026-09-24 15:00');
		expect(s.state).toMatchObject({ status: 'parked', parkedAt: at('2026-09-24 15:00'), stageDeadlineAt: null });
		s = step(s, { action: 'supervise', note: '请跟进施工进度' }, '2026-09-28 10:00');
		expect(s.state).toMatchObject({ status: 'parked', supervised: true });
		s = step(s, { action: 'unpark' }, '2026-09-29 09:00');
		// Paused working days 09-24 and 09-28 (09-25 off, weekend) = 2: 10-09 17:00 → 10-10 (Sat 调休), 10-12 → 10-12 17:00.
		expect(s.state).toMatchObject({ status: 'handling', parkedAt: null, deadlineAt: at('2026-10-12 17:00'), stageDeadlineAt: at('2026-10-12 17:00') });

		s = step(s, { action: 'feedback', note: '线缆已入管', photoCount: 2 }, '2026-10-12 16:00');
		expect(s.events.at(-1)?.payload).toEqual({ onTime: true });
		s = step(s, { action: 'check_pass', photoCount: 1 }, '2026-10-13 09:30');
		s = step(s, { action: 'close' }, '2026-10-13 10:00');
		expect(s.state).toMatchObject({ status: 'closed', reworkCount: 1, supervised: true, closedAt: at('2026-10-13 10:00') });
		expect(s.events.map((e) => e.action)).toEqual([
			'report',
			'accept',
			'register',
			'dispatch',
			'sign',
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
		let s = begin('report', '2026-09-29 09:00');
		s = step(s, { action: 'accept' }, '2026-09-29 09:05');
		s = step(s, { action: 'register', categoryCode: 'SH-HWSR-02', urgency: '一般', handleLimit: WH2 }, '2026-09-29 09:10');
		s = step(s, { action: 'dispatch', departmentId: 7 }, '2026-09-29 09:15');
		s = step(s, { action: 'request_return', reasonCode: 'not_our_duty', note: '属绿化部门' }, '2026-09-29 09:30');
		s = step(s, { action: 'approve_return' }, '2026-09-29 10:00');
		expect(s.state).toMatchObject({ status: 'registered', departmentId: null, dispatchedAt: null, deadlineAt: null });
		s = step(s, { action: 'dispatch', departmentId: 8, note: '改派' }, '2026-09-29 11:00');
		expect(s.state).toMatchObject({ departmentId: 8, dispatchedAt: at('2026-09-29 11:00'), deadlineAt: at('2026-09-29 14:00') });
		s = step(s, { action: 'sign' }, '2026-09-29 11:10');
		s = step(s, { action: 'request_return', reasonCode: 'other', note: '再次申请' }, '2026-09-29 11:20');
		s = step(s, { action: 'reject_return', note: '属本部门职责' }, '2026-09-29 11:30');
		expect(s.state).toMatchObject({ status: 'handling', resumeStatus: null, stageStartedAt: at('2026-09-29 11:00'), stageDeadlineAt: at('2026-09-29 14:00') });
		expectLinkedLog(s.events);
	});

	it('自行处置 that fails 核查 goes to the dispatcher, then through the normal loop', () => {
		let s = begin('self_handle', '2026-09-28 10:00', WH2);
		expect(s.state).toMatchObject({ status: 'feedback', departmentId: null });
		s = step(s, { action: 'check_fail', note: '未清理干净', photoCount: 1 }, '2026-09-29 10:00');
		expect(s.state).toMatchObject({ status: 'registered', reworkCount: 1, stageStartedAt: at('2026-09-29 10:00'), stageDeadlineAt: at('2026-09-29 10:30') });
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
});
