import type { CaseAction, CaseStatus } from './case-status';
import type { CaseCommand, CaseState, TransitionResult } from './case-workflow';
import type { Limit, LimitUnit } from './deadlines';
import { efficientLimitOf } from './efficient-limit';
import { categoriesData } from './fixtures/categories';
import { at, endOf } from './fixtures/time';

// Shared setup of the case-workflow.*.test.ts files: category limits, one fixture state per status, valid commands.

const UNITS: readonly LimitUnit[] = ['wh', 'wd', 'h24'];
/** The handling limit of a demo category (fixtures/categories.ts, i.e. categories.json). */
export function categoryLimit(code: string): Limit {
	const c = categoriesData.categories.find((x) => x.code === code);
	if (!c || !('handleLimit' in c) || !c.handleLimit) throw new Error(`no handleLimit for ${code}`);
	const { value, unit } = c.handleLimit;
	if (!(UNITS as readonly string[]).includes(unit)) throw new Error(`bad unit ${unit}`);
	return { value, unit: unit as LimitUnit };
}
export const WD3 = categoryLimit('SH-SSGL-02'); // 架空线乱设: 3 wd
export const WH2 = categoryLimit('SH-HWSR-02'); // 道路保洁: 2 wh
export const WH4 = categoryLimit('SH-HWSR-01'); // 暴露垃圾: 4 wh
export const WD5 = categoryLimit('SH-HWSR-05'); // 5 wd
/** The efficient limit in force for a 3 wd case: floor(3 / 2) = 1 wd. */
export const WD3_EFFICIENT = efficientLimitOf(WD3, null)!;

// ---------------------------------------------------------------------------------------------
// Fixture states: one representative case per status.

export const NOW = at('2026-09-29 10:00'); // Tuesday, a working day
export const DISPATCHED_AT = at('2026-09-28 10:00'); // Monday
// 3 wd after 2026-09-28: 09-29, 09-30, (10-01..10-07 holiday) 10-08 → end of 2026-10-08.
export const DEADLINE = endOf('2026-10-08');
// 1 wd (高效处置) after 2026-09-28 → end of 2026-09-29.
export const EFFICIENT_DEADLINE = endOf('2026-09-29');
export const REQUESTED = at('2026-10-12 17:00');
const PRE_DISPATCH: readonly CaseStatus[] = ['reported', 'accepted', 'registered'];
const PAUSED: readonly CaseStatus[] = ['return_requested', 'extension_requested', 'parked'];

/** A fixture state; overriding only `handleLimit` also gives the default efficient limit that goes with it. */
export function stateIn(status: CaseStatus, over: Partial<CaseState> = {}): CaseState {
	const pre = PRE_DISPATCH.includes(status);
	const efficientLimit = 'handleLimit' in over ? efficientLimitOf(over.handleLimit ?? null, null) : WD3_EFFICIENT;
	return Object.freeze({
		status,
		resumeStatus: PAUSED.includes(status) ? 'handling' : null,
		urgency: '一般',
		handleLimit: WD3,
		efficientLimit,
		departmentId: pre ? null : 7,
		dispatchedAt: pre ? null : DISPATCHED_AT,
		deadlineAt: pre ? null : DEADLINE,
		efficientDeadlineAt: pre || efficientLimit === null ? null : EFFICIENT_DEADLINE,
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
export const VALID: { [A in CaseAction]: CommandOf<A> } = {
	accept: { action: 'accept' },
	void: { action: 'void', reason: '重复上报' },
	register: { action: 'register', categoryCode: 'SH-SSGL-02', urgency: '一般', handleLimit: WD3, efficientLimit: null },
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

export function ok(r: TransitionResult) {
	if (!r.ok) throw new Error(`expected success, got ${r.reason}`);
	return r;
}
