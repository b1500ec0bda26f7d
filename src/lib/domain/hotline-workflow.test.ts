import { describe, expect, it } from 'vitest';
import { HOTLINE_ACTIONS, HOTLINE_STATUSES, OPEN_HOTLINE_STATUSES, isHotlineAction, isHotlineStatus, type HotlineAction, type HotlineStatus } from './hotline-status';
import {
	HOTLINE_TRANSITIONS,
	applyHotlineCommand,
	hotlineActionsInState,
	hotlineStageDeadline,
	isHotlineAllowed,
	openHotlineOrder,
	type HotlineCommand,
	type HotlineEventDraft,
	type HotlineRejection,
	type HotlineState,
	type HotlineTransitionResult
} from './hotline-workflow';
import { HOTLINE_LIMITS } from './hotline-stages';
import { judgeCompletion, judgeFirstContact } from './hotline-timing';
import { computeDeadline, warningInstant, type Limit } from './deadlines';
import { createCalendar } from './working-days';
import { lastYear, makeupWorkdays, offDays, workingHours } from './fixtures/calendar-cn';
import { categoriesData } from './fixtures/categories';

// Official calendar, 2026 dates these tests lean on: 2026-09-20 Sun make-up workday; 2026-09-25 Fri off
// (中秋); 2026-10-01..10-07 National Day break (10-03/04 weekend); 2026-10-10 Sat make-up workday.
const cal = createCalendar({ offDays, makeupWorkdays, lastYear, workingHours });

/** Asia/Shanghai wall time 'YYYY-MM-DD HH:mm', explicit +08:00 so the process TZ never matters. */
const at = (s: string): number => {
	const ms = Date.parse(`${s.replace(' ', 'T')}:00+08:00`);
	if (Number.isNaN(ms)) throw new Error(`bad test time ${s}`);
	return ms;
};
/** 24:00 of a Shanghai date: where an N wd deadline lands. */
const endOf = (date: string): number => at(`${date} 00:00`) + 86_400_000;
const HOUR = 3_600_000;

/** The limit of a 12345 order type in categories.json. */
function orderTypeLimit(type: string): Limit {
	const t = categoriesData.hotlineOrderTypes.find((x) => x.type === type);
	if (!t) throw new Error(`no order type ${type}`);
	return t.limit as Limit;
}
const COMPLAINT = orderTypeLimit('投诉'); // 5 wd
const CONSULT = orderTypeLimit('咨询'); // 1 wd
const COMPLEX = orderTypeLimit('复杂事项'); // 15 wd

it('uses the order type limits it claims to', () => {
	expect(COMPLAINT).toEqual({ value: 5, unit: 'wd' });
	expect(CONSULT).toEqual({ value: 1, unit: 'wd' });
	expect(COMPLEX).toEqual({ value: 15, unit: 'wd' });
	expect(categoriesData.firstContactLimit).toMatchObject(HOTLINE_LIMITS.firstContact);
	expect(categoriesData.redoLimit).toMatchObject(HOTLINE_LIMITS.redo);
});

// ---------------------------------------------------------------------------------------------
// Fixture states: one representative order per status.

const NOW = at('2026-09-29 10:00'); // Tuesday
const RECEIVED_AT = at('2026-09-28 09:00'); // Monday
// 5 wd after 2026-09-28: 09-29, 09-30, (10-01..10-07 holiday) 10-08, 10-09, 10-10 (Sat 调休) → end of 10-10.
const DEADLINE = endOf('2026-10-10');
const SIGNED_AT = at('2026-09-28 14:00');
const CONTACT_DUE = endOf('2026-09-29'); // 1 wd after 签收 on 09-28
const CONTACTED_AT = at('2026-09-28 15:00');
const REDO_DUE = endOf('2026-10-09'); // 不满意 on 09-29: 09-30, 10-08, 10-09
// 15 wd after 09-28: … 10-10 (5), 10-12 … 10-16 (10), 10-19 … 10-23 (15) → end of 10-23.
const CAP = endOf('2026-10-23');
const REQUESTED = at('2026-10-14 17:00');
const WARN = at('2026-09-30 12:34'); // a sentinel: "kept" means this exact value survives
const REQUESTS: readonly HotlineStatus[] = ['return_requested', 'extension_requested'];
const BEFORE_ASSIGN: readonly HotlineStatus[] = ['received'];
const BEFORE_SIGN: readonly HotlineStatus[] = ['received', 'assigned'];
const REPLIED: readonly HotlineStatus[] = ['replied', 'redo', 'completed'];

function stateIn(status: HotlineStatus, over: Partial<HotlineState> = {}): HotlineState {
	const signed = !BEFORE_SIGN.includes(status) && status !== 'returned';
	return Object.freeze({
		status,
		resumeStatus: REQUESTS.includes(status) ? 'handling' : null,
		orderLimit: COMPLAINT,
		receivedAt: RECEIVED_AT,
		departmentId: BEFORE_ASSIGN.includes(status) ? null : 7,
		assignedAt: BEFORE_ASSIGN.includes(status) ? null : at('2026-09-28 10:00'),
		signedAt: signed ? SIGNED_AT : null,
		firstContactDueAt: signed ? CONTACT_DUE : null,
		firstContactAt: signed ? CONTACTED_AT : null,
		contactOutcome: signed ? 'contacted' : null,
		contactMethod: signed ? 'phone' : null,
		deadlineAt: DEADLINE,
		warnAt: WARN,
		requestedDeadlineAt: status === 'extension_requested' ? REQUESTED : null,
		firstReplyAt: REPLIED.includes(status) ? at('2026-09-28 16:00') : null,
		lastReplyAt: REPLIED.includes(status) ? at('2026-09-28 16:00') : null,
		replyResolved: REPLIED.includes(status) ? true : null,
		redoDeadlineAt: status === 'redo' ? REDO_DUE : null,
		redoCount: status === 'redo' ? 1 : 0,
		returnApprovedAt: status === 'returned' ? at('2026-09-28 11:00') : null,
		supervisedAt: null,
		satisfaction: status === 'redo' ? '不满意' : status === 'completed' ? '满意' : null,
		completedAt: status === 'completed' ? at('2026-09-29 09:00') : null,
		hasPhone: true,
		...over
	} satisfies HotlineState);
}
/** A signed order whose 先行联系 is not logged yet. */
const NOT_CONTACTED: Partial<HotlineState> = { firstContactAt: null, contactOutcome: null, contactMethod: null };

type CommandOf<A extends HotlineAction> = Extract<HotlineCommand, { action: A }>;
/** A command that passes validation for each action. */
const VALID: { [A in HotlineAction]: CommandOf<A> } = {
	assign: { action: 'assign', departmentId: 9 },
	sign: { action: 'sign' },
	first_contact: { action: 'first_contact', at: NOW - HOUR, outcome: 'contacted', method: 'phone', summary: '已电话联系，约定上门' },
	reply: { action: 'reply', resolved: true, text: '已协调物业清理' },
	request_return: { action: 'request_return', reasonCode: 'not_our_duty', note: '属市场监管职责', evidenceCount: 1 },
	approve_return: { action: 'approve_return' },
	reject_return: { action: 'reject_return', note: '属街道职责' },
	request_extension: { action: 'request_extension', proposedDeadline: REQUESTED, reason: '需协调产权单位' },
	approve_extension: { action: 'approve_extension' },
	reject_extension: { action: 'reject_extension', note: '理由不充分' },
	supervise: { action: 'supervise', note: '请加快办理' },
	evaluate: { action: 'evaluate', satisfaction: '满意', resolvedConfirmed: true }
};

/** The specification: start statuses per action and where they land. Absent = must be refused. */
const EXPECTED_NEXT: { [A in HotlineAction]: Partial<Record<HotlineStatus, HotlineStatus>> } = {
	assign: { received: 'assigned', assigned: 'assigned' },
	sign: { assigned: 'handling' },
	first_contact: { handling: 'handling' },
	reply: { handling: 'replied', redo: 'replied' },
	request_return: { assigned: 'return_requested', handling: 'return_requested' },
	approve_return: { return_requested: 'returned' },
	reject_return: { return_requested: 'handling' },
	request_extension: { handling: 'extension_requested', redo: 'extension_requested' },
	approve_extension: { extension_requested: 'handling' },
	reject_extension: { extension_requested: 'handling' },
	supervise: Object.fromEntries(OPEN_HOTLINE_STATUSES.map((s) => [s, s])),
	evaluate: { replied: 'completed' }
};

function ok(r: HotlineTransitionResult) {
	if (!r.ok) throw new Error(`expected success, got ${r.reason}`);
	return r;
}
const apply = (s: HotlineState, cmd: HotlineCommand, now = NOW) => applyHotlineCommand(s, cmd, { now, calendar: cal });

const PAIRS = HOTLINE_ACTIONS.flatMap((action) => HOTLINE_STATUSES.map((status) => [action, status] as const));

describe('statuses and actions', () => {
	it.each([...HOTLINE_STATUSES, 'closed', ''])('isHotlineStatus(%j)', (s) => {
		expect(isHotlineStatus(s)).toBe((HOTLINE_STATUSES as readonly string[]).includes(s));
	});
	it.each([...HOTLINE_ACTIONS, 'dispatch', 'close'])('isHotlineAction(%j)', (a) => {
		expect(isHotlineAction(a)).toBe((HOTLINE_ACTIONS as readonly string[]).includes(a));
	});
	it('open statuses are all but completed and returned', () => {
		expect([...OPEN_HOTLINE_STATUSES].sort()).toEqual(HOTLINE_STATUSES.filter((s) => s !== 'completed' && s !== 'returned').sort());
	});
});

describe('transition table: every (action, status) pair', () => {
	it('covers all 12 actions × 9 statuses', () => {
		expect(PAIRS).toHaveLength(12 * 9);
		expect(Object.keys(EXPECTED_NEXT).sort()).toEqual([...HOTLINE_ACTIONS].sort());
		expect(Object.keys(HOTLINE_TRANSITIONS).sort()).toEqual([...HOTLINE_ACTIONS].sort());
	});

	it.each(HOTLINE_ACTIONS)('HOTLINE_TRANSITIONS[%s] lists exactly the expected start statuses', (action) => {
		expect([...HOTLINE_TRANSITIONS[action]].sort()).toEqual(Object.keys(EXPECTED_NEXT[action]).sort());
	});

	it.each(PAIRS)('%s from %s', (action, status) => {
		const state = stateIn(status, action === 'first_contact' ? NOT_CONTACTED : {});
		const expected = EXPECTED_NEXT[action][status];
		const result = apply(state, VALID[action]);
		if (expected === undefined) {
			expect(isHotlineAllowed(action, status)).toBe(false);
			expect(result).toStrictEqual({ ok: false, reason: 'not_allowed_in_state' });
			return;
		}
		expect(isHotlineAllowed(action, status)).toBe(true);
		const r = ok(result);
		expect(r.next).toBe(expected);
		expect(r.changes.status).toBe(expected);
		expect(r.event).toMatchObject({ action, from: status, to: expected });
		expect('warnAt' in r.changes).toBe(true);
	});

	it.each(HOTLINE_STATUSES)('hotlineActionsInState(%s) offers exactly the allowed actions', (status) => {
		const expected = HOTLINE_ACTIONS.filter((a) => EXPECTED_NEXT[a][status] !== undefined);
		expect([...hotlineActionsInState(status)].sort()).toEqual([...expected].sort());
	});

	it('completed and returned are terminal', () => {
		expect(hotlineActionsInState('completed')).toEqual([]);
		expect(hotlineActionsInState('returned')).toEqual([]);
	});

	it('督办 is allowed in every open status and only there', () => {
		expect([...HOTLINE_TRANSITIONS.supervise].sort()).toEqual([...OPEN_HOTLINE_STATUSES].sort());
	});

	it('a refused state wins over an invalid command', () => {
		expect(apply(stateIn('completed'), { action: 'supervise', note: ' ' })).toStrictEqual({ ok: false, reason: 'not_allowed_in_state' });
		expect(apply(stateIn('assigned'), { ...VALID.reply, text: '' })).toStrictEqual({ ok: false, reason: 'not_allowed_in_state' });
	});

	it('is pure: the input state is not modified', () => {
		const state = stateIn('replied');
		const copy = structuredClone(state);
		apply(state, { action: 'evaluate', satisfaction: '不满意', resolvedConfirmed: false });
		expect(state).toEqual(copy);
	});
});

describe('resuming after a 退单/延期 request', () => {
	const RESUME: ReadonlyArray<readonly [HotlineAction, HotlineStatus, HotlineStatus]> = [
		['reject_return', 'return_requested', 'assigned'],
		['reject_return', 'return_requested', 'handling'],
		['approve_extension', 'extension_requested', 'handling'],
		['approve_extension', 'extension_requested', 'redo'],
		['reject_extension', 'extension_requested', 'handling'],
		['reject_extension', 'extension_requested', 'redo']
	];
	it.each(RESUME)('%s from %s with resumeStatus %s', (action, from, resumeStatus) => {
		const redo = resumeStatus === 'redo' ? { redoDeadlineAt: REDO_DUE, redoCount: 1 } : {};
		const r = ok(apply(stateIn(from, { resumeStatus, ...redo }), VALID[action]));
		expect(r.next).toBe(resumeStatus);
		expect(r.changes.resumeStatus).toBeNull();
		expect(r.event).toMatchObject({ action, from, to: resumeStatus });
	});

	it('falls back to handling when resumeStatus is missing', () => {
		expect(ok(apply(stateIn('return_requested', { resumeStatus: null }), VALID.reject_return)).next).toBe('handling');
	});
});

const BLANKS = ['', '   ', '\t\n '];
const expectRejected = (r: HotlineTransitionResult, reason: HotlineRejection) => expect(r).toStrictEqual({ ok: false, reason });

describe('validation rejections', () => {
	const REASON_REQUIRED: ReadonlyArray<readonly [HotlineStatus, (b: string) => HotlineCommand]> = [
		['return_requested', (b) => ({ action: 'reject_return', note: b })],
		['extension_requested', (b) => ({ action: 'reject_extension', note: b })],
		['handling', (b) => ({ ...VALID.request_return, note: b })],
		['handling', (b) => ({ ...VALID.request_extension, reason: b })],
		['redo', (b) => ({ ...VALID.request_extension, reason: b })],
		['handling', (b) => ({ action: 'supervise', note: b })],
		['received', (b) => ({ action: 'supervise', note: b })],
		['handling', (b) => ({ ...VALID.reply, text: b })],
		['redo', (b) => ({ ...VALID.reply, text: b })]
	];
	const reasonCases = REASON_REQUIRED.flatMap(([status, make]) => BLANKS.map((b) => [make(b).action, status, JSON.stringify(b), make(b)] as const));
	it.each(reasonCases)('%s from %s with %s → reason_required', (_a, status, _b, cmd) => {
		expectRejected(apply(stateIn(status), cmd), 'reason_required');
	});

	it.each(BLANKS)('first_contact "contacted" with summary %j → reason_required', (b) => {
		expectRejected(apply(stateIn('handling', NOT_CONTACTED), { ...VALID.first_contact, summary: b }), 'reason_required');
	});

	it.each([0, -1, Number.NaN])('request_return with %d pieces of evidence → evidence_required', (evidenceCount) => {
		expectRejected(apply(stateIn('handling'), { ...VALID.request_return, evidenceCount }), 'evidence_required');
	});

	it.each(['handling', 'redo'] as const)('reply from %s before 先行联系 is logged → first_contact_required', (status) => {
		expectRejected(apply(stateIn(status, NOT_CONTACTED), VALID.reply), 'first_contact_required');
	});

	it.each(['contacted', 'declined', 'no_phone'] as const)('a second first_contact after %s → already_contacted', (contactOutcome) => {
		expectRejected(apply(stateIn('handling', { contactOutcome }), VALID.first_contact), 'already_contacted');
	});

	const CONTACT_TIMES: ReadonlyArray<readonly [string, number, boolean]> = [
		['one minute in the future', NOW + 60_000, false],
		['one minute before 签收', SIGNED_AT - 60_000, false],
		['exactly now', NOW, true],
		['exactly at 签收', SIGNED_AT, true]
	];
	it.each(CONTACT_TIMES)('first_contact at %s', (_label, when, valid) => {
		const r = apply(stateIn('handling', NOT_CONTACTED), { ...VALID.first_contact, at: when });
		if (valid) expect(ok(r).changes.firstContactAt).toBe(when);
		else expectRejected(r, 'contact_time_invalid');
	});

	const INVALID: ReadonlyArray<readonly [string, HotlineStatus, HotlineCommand]> = [
		['assign to department 0', 'received', { action: 'assign', departmentId: 0 }],
		['assign to department 1.5', 'received', { action: 'assign', departmentId: 1.5 }],
		['first_contact contacted without a method', 'handling', { ...VALID.first_contact, method: null }],
		['first_contact with an unknown outcome', 'handling', { ...VALID.first_contact, outcome: 'maybe' as 'contacted' }],
		['first_contact with an unknown method', 'handling', { ...VALID.first_contact, method: 'fax' as 'phone' }],
		['first_contact at NaN', 'handling', { ...VALID.first_contact, at: Number.NaN }],
		['reply without resolved', 'handling', { action: 'reply', text: '已办理', resolved: undefined as unknown as boolean }],
		['request_return with an unknown reason', 'handling', { ...VALID.request_return, reasonCode: 'lazy' as 'other' }],
		['request_extension to NaN', 'handling', { ...VALID.request_extension, proposedDeadline: Number.NaN }],
		['evaluate with an unknown satisfaction', 'replied', { ...VALID.evaluate, satisfaction: '很好' as '满意' }],
		['evaluate without resolvedConfirmed', 'replied', { action: 'evaluate', satisfaction: '满意', resolvedConfirmed: 'yes' as unknown as boolean }]
	];
	it.each(INVALID)('%s → invalid_input', (_label, status, cmd) => {
		expectRejected(apply(stateIn(status, status === 'handling' ? NOT_CONTACTED : {}), cmd), 'invalid_input');
	});

	it('approve_extension with no requested date on record → invalid_input', () => {
		expectRejected(apply(stateIn('extension_requested', { requestedDeadlineAt: null }), VALID.approve_extension), 'invalid_input');
	});

	it('declined and no_phone contacts need neither method nor summary', () => {
		for (const outcome of ['declined', 'no_phone'] as const) {
			const r = ok(apply(stateIn('handling', NOT_CONTACTED), { action: 'first_contact', at: NOW, outcome }));
			expect(r.changes).toMatchObject({ contactOutcome: outcome, contactMethod: null, firstContactAt: NOW });
			expect(r.event.note).toBeNull();
		}
	});
});

describe('延期: the proposed date', () => {
	const EXTENSION: ReadonlyArray<readonly [string, number, HotlineRejection | null]> = [
		['yesterday', NOW - 24 * HOUR, 'deadline_in_past'],
		['exactly now', NOW, 'deadline_in_past'],
		['later today, before the deadline', NOW + 2 * HOUR, 'deadline_not_later'],
		['equal to the current deadline', DEADLINE, 'deadline_not_later'],
		['one ms after the current deadline', DEADLINE + 1, null],
		['the 15-wd cap exactly (end of 2026-10-23)', CAP, null],
		['one ms past the 15-wd cap', CAP + 1, 'extension_too_long'],
		['the Monday after the cap', at('2026-10-26 10:00'), 'extension_too_long']
	];
	it.each(EXTENSION)('request_extension from handling proposing %s', (_label, proposedDeadline, reason) => {
		const r = apply(stateIn('handling'), { ...VALID.request_extension, proposedDeadline });
		if (reason) expectRejected(r, reason);
		else expect(ok(r).changes).toMatchObject({ status: 'extension_requested', resumeStatus: 'handling', requestedDeadlineAt: proposedDeadline });
	});

	it('the cap is 15 wd after the day of receipt on the calendar', () => {
		expect(computeDeadline(RECEIVED_AT, HOTLINE_LIMITS.extensionCap, cal)).toBe(CAP);
	});

	it('a 复杂事项 (15 wd) is already at the cap: no extension at all', () => {
		const state = stateIn('handling', { orderLimit: COMPLEX, deadlineAt: CAP });
		expectRejected(apply(state, { ...VALID.request_extension, proposedDeadline: CAP }), 'deadline_not_later');
		expectRejected(apply(state, { ...VALID.request_extension, proposedDeadline: CAP + HOUR }), 'extension_too_long');
	});

	it('from 重办 the date is compared with the 重办 deadline, and the cap still counts from receipt', () => {
		const redo = stateIn('redo');
		expectRejected(apply(redo, { ...VALID.request_extension, proposedDeadline: REDO_DUE }), 'deadline_not_later');
		// Later than the 重办 deadline (10-09) but before the order's own 办结 deadline (10-10): fine.
		const r = ok(apply(redo, { ...VALID.request_extension, proposedDeadline: at('2026-10-10 12:00') }));
		expect(r.changes).toMatchObject({ resumeStatus: 'redo', requestedDeadlineAt: at('2026-10-10 12:00') });
		expect(r.event.payload).toEqual({ proposedDeadline: at('2026-10-10 12:00'), previousDeadline: REDO_DUE });
		expectRejected(apply(redo, { ...VALID.request_extension, proposedDeadline: CAP + 1 }), 'extension_too_long');
	});

	it('approve_extension refuses a requested date that passed while it waited', () => {
		const state = stateIn('extension_requested');
		expectRejected(apply(state, VALID.approve_extension, REQUESTED), 'deadline_in_past');
		expectRejected(apply(state, VALID.approve_extension, REQUESTED + 1), 'deadline_in_past');
		expect(ok(apply(state, VALID.approve_extension, REQUESTED - 1)).changes.deadlineAt).toBe(REQUESTED);
	});
});

describe('effects', () => {
	it('openHotlineOrder: a 投诉 (5 wd) received 2026-09-30 10:00 is due at the end of 2026-10-13', () => {
		// 10-01..10-07 holiday, 10-08 Thu wd1, 10-09 Fri wd2, 10-10 Sat 调休 wd3, (10-11 Sun) 10-12 wd4, 10-13 wd5.
		const s = openHotlineOrder({ receivedAt: at('2026-09-30 10:00'), orderLimit: COMPLAINT, hasPhone: true }, cal);
		expect(s).toMatchObject({ status: 'received', deadlineAt: endOf('2026-10-13'), redoCount: 0, hasPhone: true, departmentId: null });
		// 41 working hours (6 on 09-30 + 5 × 7); 75 % = 30.75 h → 10-12 13:45.
		expect(s.warnAt).toBe(at('2026-10-12 13:45'));
		expect(hotlineStageDeadline(s)).toBe(endOf('2026-10-13'));
	});

	const OPENING: ReadonlyArray<readonly [string, Limit, string, string]> = [
		['咨询 1 wd on the eve of National Day (README §5)', CONSULT, '2026-09-30 16:00', '2026-10-08'],
		['咨询 1 wd on 2026-02-13 → the Saturday make-up day (README §5)', CONSULT, '2026-02-13 09:00', '2026-02-14'],
		['咨询 1 wd received on a holiday counts from the next working day', CONSULT, '2026-10-03 11:00', '2026-10-08'],
		['投诉 5 wd received at 23:59 counts from that day: 09-30, 10-08, 10-09, 10-10, 10-12', COMPLAINT, '2026-09-29 23:59', '2026-10-12'],
		['投诉 5 wd received at 00:01 Shanghai (16:01 UTC the day before)', COMPLAINT, '2026-09-30 00:01', '2026-10-13'],
		['复杂事项 15 wd', COMPLEX, '2026-09-28 09:00', '2026-10-23']
	];
	it.each(OPENING)('openHotlineOrder: %s', (_label, orderLimit, received, due) => {
		expect(openHotlineOrder({ receivedAt: at(received), orderLimit, hasPhone: false }, cal).deadlineAt).toBe(endOf(due));
	});

	it('assign records department and time; 改派 keeps the running warning', () => {
		const r = ok(apply(stateIn('received'), { action: 'assign', departmentId: 9, note: ' 请办理 ' }));
		expect(r.changes).toMatchObject({ departmentId: 9, assignedAt: NOW, warnAt: WARN });
		expect(r.event).toEqual({ action: 'assign', from: 'received', to: 'assigned', note: '请办理', payload: { departmentId: 9, previousDepartmentId: null } });
		const again = ok(apply(stateIn('assigned'), { action: 'assign', departmentId: 11 }));
		expect(again.event.payload).toEqual({ departmentId: 11, previousDepartmentId: 7 });
		expect(again.changes.deadlineAt).toBeUndefined();
	});

	const FRIDAYS: ReadonlyArray<readonly [string, string, string]> = [
		['Friday evening before an ordinary weekend', '2026-10-16 19:00', '2026-10-19'],
		['Friday evening before the 2026-09-20 Sunday make-up day', '2026-09-18 19:30', '2026-09-20'],
		['Friday evening before the 2026-10-10 Saturday make-up day', '2026-10-09 18:00', '2026-10-10'],
		['Thursday evening before 中秋 (09-25 off)', '2026-09-24 20:00', '2026-09-28'],
		['the eve of National Day', '2026-09-30 21:00', '2026-10-08']
	];
	it.each(FRIDAYS)('sign on %s: 先行联系 due at the end of the next working day', (_label, when, due) => {
		const r = ok(apply(stateIn('assigned'), VALID.sign, at(when)));
		expect(r.changes).toMatchObject({ status: 'handling', signedAt: at(when), firstContactDueAt: endOf(due) });
		expect(r.event.payload).toEqual({ firstContactDueAt: endOf(due) });
	});

	it('sign: the step is 先行联系, yellow at 75 % of its working time', () => {
		// Signed Fri 10-16 19:00, due Mon 10-19 24:00: 7 working hours; 75 % = 5.25 h → 15:15.
		const r = ok(apply(stateIn('assigned'), VALID.sign, at('2026-10-16 19:00')));
		expect(r.changes.warnAt).toBe(at('2026-10-19 15:15'));
		expect(hotlineStageDeadline({ ...stateIn('assigned'), ...r.changes })).toBe(endOf('2026-10-19'));
	});

	it('first_contact stores time, outcome, method and summary; the step becomes the 办结 deadline', () => {
		const r = ok(apply(stateIn('handling', NOT_CONTACTED), { ...VALID.first_contact, summary: ' 已电话联系 ' }));
		expect(r.next).toBe('handling');
		expect(r.changes).toMatchObject({ firstContactAt: NOW - HOUR, contactOutcome: 'contacted', contactMethod: 'phone' });
		expect(r.changes.warnAt).toBe(warningInstant(RECEIVED_AT, DEADLINE, 'wd', cal));
		expect(r.event).toEqual({
			action: 'first_contact',
			from: 'handling',
			to: 'handling',
			note: '已电话联系',
			payload: { at: NOW - HOUR, outcome: 'contacted', method: 'phone', onTime: true }
		});
		const late = ok(apply(stateIn('handling', NOT_CONTACTED), { ...VALID.first_contact, at: CONTACT_DUE + 1 }, CONTACT_DUE + HOUR));
		expect(late.event.payload).toMatchObject({ onTime: false });
	});

	it('reply: firstReplyAt only the first time, lastReplyAt every time; the clock stops', () => {
		const first = ok(apply(stateIn('handling'), { action: 'reply', resolved: false, text: ' 已答复 ' }));
		expect(first.changes).toMatchObject({ firstReplyAt: NOW, lastReplyAt: NOW, replyResolved: false, warnAt: null });
		expect(first.event).toEqual({ action: 'reply', from: 'handling', to: 'replied', note: '已答复', payload: { resolved: false, redo: false } });
		const again = ok(apply(stateIn('redo'), VALID.reply));
		expect(again.changes.firstReplyAt).toBe(at('2026-09-28 16:00'));
		expect(again.changes).toMatchObject({ lastReplyAt: NOW, replyResolved: true });
		expect(again.event.payload).toEqual({ resolved: true, redo: true });
	});

	it('request_return remembers where the order was, with reason and evidence', () => {
		const r = ok(apply(stateIn('assigned'), { ...VALID.request_return, reasonCode: 'not_in_jurisdiction', evidenceCount: 2 }));
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
		expect(r.event).toMatchObject({ note: '需协调产权单位', payload: { proposedDeadline: REQUESTED, previousDeadline: DEADLINE } });
	});

	it('approve_extension replaces the 办结 deadline; the warning restarts at the approval', () => {
		const r = ok(apply(stateIn('extension_requested'), VALID.approve_extension));
		expect(r.changes).toMatchObject({ status: 'handling', deadlineAt: REQUESTED, requestedDeadlineAt: null, resumeStatus: null });
		expect(r.changes.redoDeadlineAt).toBeUndefined();
		expect(r.changes.warnAt).toBe(warningInstant(NOW, REQUESTED, 'wd', cal));
		expect(r.event.payload).toEqual({ previousDeadline: DEADLINE, deadlineAt: REQUESTED });
	});

	it('approve_extension resuming 重办 replaces the 重办 deadline, not the 办结 one', () => {
		const state = stateIn('extension_requested', { resumeStatus: 'redo', redoDeadlineAt: REDO_DUE, redoCount: 1 });
		const r = ok(apply(state, VALID.approve_extension));
		expect(r.changes).toMatchObject({ status: 'redo', redoDeadlineAt: REQUESTED });
		expect(r.changes.deadlineAt).toBeUndefined();
		expect(r.event.payload).toEqual({ previousDeadline: REDO_DUE, deadlineAt: REQUESTED });
	});

	it('reject_extension drops the request and keeps deadline and warning', () => {
		const r = ok(apply(stateIn('extension_requested'), VALID.reject_extension));
		expect(r.changes).toMatchObject({ status: 'handling', requestedDeadlineAt: null, warnAt: WARN });
		expect(r.changes.deadlineAt).toBeUndefined();
	});

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
			const r = ok(apply(stateIn('replied'), { action: 'evaluate', satisfaction, resolvedConfirmed: true, note: ' 回访 ' }));
			expect(r.changes).toMatchObject({ status: 'completed', satisfaction, completedAt: NOW, warnAt: null });
			expect(r.event).toEqual({ action: 'evaluate', from: 'replied', to: 'completed', note: '回访', payload: { satisfaction, resolvedConfirmed: true } });
		});

		it('不满意 opens 重办 on the same order: 3 wd from now, counted', () => {
			const r = ok(apply(stateIn('replied', { redoCount: 1 }), { action: 'evaluate', satisfaction: '不满意', resolvedConfirmed: false }));
			expect(r.changes).toMatchObject({ status: 'redo', satisfaction: '不满意', redoDeadlineAt: REDO_DUE, redoCount: 2 });
			expect(r.changes.completedAt).toBeUndefined();
			expect(r.changes.warnAt).toBe(warningInstant(NOW, REDO_DUE, 'wd', cal));
			expect(r.event.payload).toEqual({ satisfaction: '不满意', resolvedConfirmed: false, redoDeadlineAt: REDO_DUE });
		});

		it('不满意 on Friday 2026-10-09 afternoon: 重办 due at the end of Tuesday 10-13', () => {
			// 10-10 Sat 调休 wd1, (10-11 Sun) 10-12 wd2, 10-13 wd3.
			const r = ok(apply(stateIn('replied'), { action: 'evaluate', satisfaction: '不满意', resolvedConfirmed: false }, at('2026-10-09 15:00')));
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
		['extension_requested from 重办 → 重办 deadline', stateIn('extension_requested', { resumeStatus: 'redo', redoDeadlineAt: REDO_DUE }), REDO_DUE],
		['redo → 重办 deadline', stateIn('redo'), REDO_DUE],
		['replied → none', stateIn('replied'), null],
		['completed → none', stateIn('completed'), null],
		['returned → none', stateIn('returned'), null]
	];
	it.each(TABLE)('%s', (_label, state, expected) => {
		expect(hotlineStageDeadline(state)).toBe(expected);
	});
});

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
		let s: Run = { state: openHotlineOrder({ receivedAt: at('2026-09-30 10:00'), orderLimit: COMPLAINT, hasPhone: true }, cal), events: [] };
		s = step(s, { action: 'assign', departmentId: 7 }, '2026-09-30 11:00');
		expect(s.state.warnAt).toBe(at('2026-10-12 13:45'));
		s = step(s, { action: 'sign' }, '2026-09-30 16:00');
		expect(s.state).toMatchObject({ status: 'handling', firstContactDueAt: endOf('2026-10-08') });
		s = step(s, { action: 'first_contact', at: at('2026-10-08 09:30'), outcome: 'contacted', method: 'sms', summary: '短信告知' }, '2026-10-08 09:40');
		expect(s.state.warnAt).toBe(at('2026-10-12 13:45'));
		// The cap for a receipt on 09-30 is the end of 10-27.
		expectRejected(apply(s.state, { action: 'request_extension', proposedDeadline: at('2026-10-28 17:00'), reason: '需施工' }, at('2026-10-12 10:00')), 'extension_too_long');
		s = step(s, { action: 'request_extension', proposedDeadline: at('2026-10-16 17:00'), reason: '需施工' }, '2026-10-12 10:00');
		s = step(s, { action: 'approve_extension', note: '同意' }, '2026-10-12 11:00');
		// 33 working hours from 10-12 11:00 to 10-16 17:00; 75 % = 24.75 h → 10-15 15:45.
		expect(s.state).toMatchObject({ status: 'handling', deadlineAt: at('2026-10-16 17:00'), warnAt: at('2026-10-15 15:45') });
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
		expect(judgeFirstContact(s.state, at('2026-10-21 09:00'))).toMatchObject({ verdict: 'on_time', reason: 'contacted_before_due' });
		expect(judgeCompletion(s.state, at('2026-10-21 09:00'))).toMatchObject({ verdict: 'on_time', countedAt: at('2026-10-15 10:00') });
	});

	it('退单 approved before 签收: excluded from both rates', () => {
		let s: Run = { state: openHotlineOrder({ receivedAt: at('2026-09-29 09:00'), orderLimit: CONSULT, hasPhone: true }, cal), events: [] };
		s = step(s, { action: 'assign', departmentId: 7 }, '2026-09-29 09:10');
		s = step(s, { action: 'request_return', reasonCode: 'duplicate', note: '与 2309001 重复', evidenceCount: 1 }, '2026-09-29 09:30');
		s = step(s, { action: 'approve_return' }, '2026-09-29 10:00');
		expect(s.state).toMatchObject({ status: 'returned', returnApprovedAt: at('2026-09-29 10:00'), warnAt: null });
		expect(judgeFirstContact(s.state, at('2026-10-30 10:00')).verdict).toBe('excluded');
		expect(judgeCompletion(s.state, at('2026-10-30 10:00')).verdict).toBe('excluded');
	});
});
