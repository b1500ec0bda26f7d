import { describe, expect, it } from 'vitest';
import type { HotlineStatus } from './hotline-status';
import type { HotlineCommand, HotlineRejection } from './hotline-workflow';
import { HOTLINE_LIMITS } from './hotline-stages';
import { computeDeadline } from './deadlines';
import { at, cal, HOUR } from './fixtures/time';
import { apply, BLANKS, expectRejected, NOT_CONTACTED, ok, stateIn, VALID } from './hotline-workflow.fixtures';
import { CAP, COMPLEX, DEADLINE, NOW, RECEIVED_AT, REDO_DUE, REQUESTED, SIGNED_AT } from './fixtures/hotline-timeline';

// Commands the hotline workflow refuses: blank reasons, missing evidence, bad times, and the 延期 date rules.

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
	const reasonCases = REASON_REQUIRED.flatMap(([status, make]) =>
		BLANKS.map((b) => [make(b).action, status, JSON.stringify(b), make(b)] as const)
	);
	it.each(reasonCases)('%s from %s with %s → reason_required', (_a, status, _b, cmd) => {
		expectRejected(apply(stateIn(status), cmd), 'reason_required');
	});

	it.each(BLANKS)('first_contact "contacted" with summary %j → reason_required', (b) => {
		expectRejected(
			apply(stateIn('handling', NOT_CONTACTED), { ...VALID.first_contact, summary: b }),
			'reason_required'
		);
	});

	it.each([0, -1, Number.NaN])('request_return with %d pieces of evidence → evidence_required', (evidenceCount) => {
		expectRejected(apply(stateIn('handling'), { ...VALID.request_return, evidenceCount }), 'evidence_required');
	});

	it.each(['handling', 'redo'] as const)(
		'reply from %s before 先行联系 is logged → first_contact_required',
		(status) => {
			expectRejected(apply(stateIn(status, NOT_CONTACTED), VALID.reply), 'first_contact_required');
		}
	);

	it.each(['contacted', 'declined', 'no_phone'] as const)(
		'a second first_contact after %s → already_contacted',
		(contactOutcome) => {
			expectRejected(apply(stateIn('handling', { contactOutcome }), VALID.first_contact), 'already_contacted');
		}
	);

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
		[
			'reply without resolved',
			'handling',
			{ action: 'reply', text: '已办理', resolved: undefined as unknown as boolean }
		],
		['request_return with an unknown reason', 'handling', { ...VALID.request_return, reasonCode: 'lazy' as 'other' }],
		['request_extension to NaN', 'handling', { ...VALID.request_extension, proposedDeadline: Number.NaN }],
		['evaluate with an unknown satisfaction', 'replied', { ...VALID.evaluate, satisfaction: '很好' as '满意' }],
		[
			'evaluate without resolvedConfirmed',
			'replied',
			{ action: 'evaluate', satisfaction: '满意', resolvedConfirmed: 'yes' as unknown as boolean }
		]
	];
	it.each(INVALID)('%s → invalid_input', (_label, status, cmd) => {
		expectRejected(apply(stateIn(status, status === 'handling' ? NOT_CONTACTED : {}), cmd), 'invalid_input');
	});

	it('approve_extension with no requested date on record → invalid_input', () => {
		expectRejected(
			apply(stateIn('extension_requested', { requestedDeadlineAt: null }), VALID.approve_extension),
			'invalid_input'
		);
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
		else
			expect(ok(r).changes).toMatchObject({
				status: 'extension_requested',
				resumeStatus: 'handling',
				requestedDeadlineAt: proposedDeadline
			});
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

	it('approve_extension takes the date the dispatcher sets, within the same rules as a request', () => {
		const state = stateIn('extension_requested');
		const later = at('2026-10-20 23:00');
		const r = ok(apply(state, { action: 'approve_extension', approvedDeadline: later }, REQUESTED + 1));
		expect(r.changes).toMatchObject({ deadlineAt: later, requestedDeadlineAt: null });
		expect(r.event.payload).toMatchObject({
			deadlineAt: later,
			requestedDeadline: REQUESTED,
			previousDeadline: DEADLINE
		});
		expectRejected(
			apply(state, { action: 'approve_extension', approvedDeadline: REQUESTED }, REQUESTED + 1),
			'deadline_in_past'
		);
		expectRejected(apply(state, { action: 'approve_extension', approvedDeadline: DEADLINE }), 'deadline_not_later');
		expectRejected(apply(state, { action: 'approve_extension', approvedDeadline: CAP + HOUR }), 'extension_too_long');
	});
});
