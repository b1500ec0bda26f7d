import { describe, expect, it } from 'vitest';
import {
	HOTLINE_ACTIONS,
	HOTLINE_STATUSES,
	OPEN_HOTLINE_STATUSES,
	isHotlineAction,
	isHotlineStatus,
	type HotlineAction,
	type HotlineStatus
} from './hotline-status';
import { HOTLINE_TRANSITIONS, hotlineActionsInState, isHotlineAllowed } from './hotline-workflow';
import { HOTLINE_LIMITS } from './hotline-stages';
import { categoriesData } from './fixtures/categories';
import { fromEach } from './fixtures/transition-spec';
import { apply, NOT_CONTACTED, ok, stateIn, VALID } from './hotline-workflow.fixtures';
import { COMPLAINT, COMPLEX, CONSULT, REDO_DUE } from './fixtures/hotline-timeline';

// The transition table of the 12345 hotline workflow: which action is allowed from which status and where it lands.
// Refused commands: hotline-workflow.validation.test.ts; effects: hotline-workflow.effects.*.test.ts; whole paths: hotline-workflow.paths.test.ts.

it('uses the order type limits it claims to', () => {
	expect(COMPLAINT).toEqual({ value: 5, unit: 'wd' });
	expect(CONSULT).toEqual({ value: 1, unit: 'wd' });
	expect(COMPLEX).toEqual({ value: 15, unit: 'wd' });
	expect(categoriesData.firstContactLimit).toMatchObject(HOTLINE_LIMITS.firstContact);
	expect(categoriesData.redoLimit).toMatchObject(HOTLINE_LIMITS.redo);
});

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
	supervise: fromEach(OPEN_HOTLINE_STATUSES),
	evaluate: { replied: 'completed' }
};

const PAIRS = HOTLINE_ACTIONS.flatMap((action) => HOTLINE_STATUSES.map((status) => [action, status] as const));

describe('statuses and actions', () => {
	it.each([...HOTLINE_STATUSES, 'closed', ''])('isHotlineStatus(%j)', (s) => {
		expect(isHotlineStatus(s)).toBe((HOTLINE_STATUSES as readonly string[]).includes(s));
	});
	it.each([...HOTLINE_ACTIONS, 'dispatch', 'close'])('isHotlineAction(%j)', (a) => {
		expect(isHotlineAction(a)).toBe((HOTLINE_ACTIONS as readonly string[]).includes(a));
	});
	it('open statuses are all but completed and returned', () => {
		expect([...OPEN_HOTLINE_STATUSES].sort()).toEqual(
			HOTLINE_STATUSES.filter((s) => s !== 'completed' && s !== 'returned').sort()
		);
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
		expect(apply(stateIn('completed'), { action: 'supervise', note: ' ' })).toStrictEqual({
			ok: false,
			reason: 'not_allowed_in_state'
		});
		expect(apply(stateIn('assigned'), { ...VALID.reply, text: '' })).toStrictEqual({
			ok: false,
			reason: 'not_allowed_in_state'
		});
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
