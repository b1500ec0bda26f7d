import { expect } from 'vitest';
import type { HotlineAction, HotlineStatus } from './hotline-status';
import {
	applyHotlineCommand,
	type HotlineCommand,
	type HotlineRejection,
	type HotlineState,
	type HotlineTransitionResult
} from './hotline-workflow';
import { at, cal, HOUR } from './fixtures/time';
import {
	COMPLAINT,
	NOW,
	RECEIVED_AT,
	DEADLINE,
	SIGNED_AT,
	CONTACT_DUE,
	CONTACTED_AT,
	REDO_DUE,
	REQUESTED,
	WARN
} from './fixtures/hotline-timeline';

// Shared setup of the hotline-workflow.*.test.ts files: one fixture state per status, valid commands. The fixture
// order's dates and the order type limits: fixtures/hotline-timeline.ts.

// Fixture states: one representative order per status.
const REQUESTS: readonly HotlineStatus[] = ['return_requested', 'extension_requested'];
const BEFORE_ASSIGN: readonly HotlineStatus[] = ['received'];
const BEFORE_SIGN: readonly HotlineStatus[] = ['received', 'assigned'];
const REPLIED: readonly HotlineStatus[] = ['replied', 'redo', 'completed'];

export function stateIn(status: HotlineStatus, over: Partial<HotlineState> = {}): HotlineState {
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
export const NOT_CONTACTED: Partial<HotlineState> = { firstContactAt: null, contactOutcome: null, contactMethod: null };

type CommandOf<A extends HotlineAction> = Extract<HotlineCommand, { action: A }>;
/**
 * One command per action that passes validation, with the department, contact moment and 延期 date
 * the caller's own order needs (the workflow tests here, the order service tests with a database).
 */
export function validCommands(o: { departmentId: number; contactAt: number; proposedDeadline: number }): {
	[A in HotlineAction]: CommandOf<A>;
} {
	return {
		assign: { action: 'assign', departmentId: o.departmentId },
		sign: { action: 'sign' },
		first_contact: {
			action: 'first_contact',
			at: o.contactAt,
			outcome: 'contacted',
			method: 'phone',
			summary: '已电话联系，约定上门'
		},
		reply: { action: 'reply', resolved: true, text: '已协调物业清理' },
		request_return: { action: 'request_return', reasonCode: 'not_our_duty', note: '属市场监管职责', evidenceCount: 1 },
		approve_return: { action: 'approve_return' },
		reject_return: { action: 'reject_return', note: '属街道职责' },
		request_extension: { action: 'request_extension', proposedDeadline: o.proposedDeadline, reason: '需协调产权单位' },
		approve_extension: { action: 'approve_extension' },
		reject_extension: { action: 'reject_extension', note: '理由不充分' },
		supervise: { action: 'supervise', note: '请加快办理' },
		evaluate: { action: 'evaluate', satisfaction: '满意', resolvedConfirmed: true }
	};
}
export const VALID = validCommands({ departmentId: 9, contactAt: NOW - HOUR, proposedDeadline: REQUESTED });

export function ok(r: HotlineTransitionResult) {
	if (!r.ok) throw new Error(`expected success, got ${r.reason}`);
	return r;
}
export const apply = (s: HotlineState, cmd: HotlineCommand, now = NOW) =>
	applyHotlineCommand(s, cmd, { now, calendar: cal });

export const BLANKS = ['', '   ', '\t\n '];
export const expectRejected = (r: HotlineTransitionResult, reason: HotlineRejection) =>
	expect(r).toStrictEqual({ ok: false, reason });
