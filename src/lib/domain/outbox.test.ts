import { describe, expect, it } from 'vitest';
import { captureTime, CLOCK_SKEW_MS, isSubmissionKey, MAX_OUTBOX_AGE_MS, recordedApart } from './field-submission';
import {
	afterSend,
	canResendHeld,
	classifyResponse,
	keptCheck,
	nextSeq,
	resendHeld,
	retryDelay,
	sendQueue,
	type OutboxEntry
} from './outbox';

const entry = (over: Partial<OutboxEntry> = {}): OutboxEntry => ({
	key: 'k-0000000000000001',
	seq: 1,
	username: 'wangge',
	kind: 'report',
	state: 'pending',
	reason: null,
	attempts: 0,
	...over
});

describe('classifyResponse', () => {
	it.each([
		[
			201,
			{ ok: true, caseId: 7, code: 'W1', duplicate: false },
			{ kind: 'done', caseId: 7, code: 'W1', duplicate: false }
		],
		[
			200,
			{ ok: true, caseId: 7, code: 'W1', duplicate: true },
			{ kind: 'done', caseId: 7, code: 'W1', duplicate: true }
		],
		[0, null, { kind: 'retry', reason: 'network' }],
		[408, null, { kind: 'retry', reason: 'network' }],
		[502, 'Bad gateway', { kind: 'retry', reason: 'server' }],
		[500, { message: 'Internal Error' }, { kind: 'retry', reason: 'server' }],
		[429, {}, { kind: 'retry', reason: 'server' }],
		[401, { ok: false, code: 'signed_out' }, { kind: 'signed_out' }],
		[
			400,
			{ ok: false, code: 'not_image', errors: { beforePhotos: 'not_image' } },
			{ kind: 'held', reason: 'not_image', errors: { beforePhotos: 'not_image' } }
		],
		[403, { ok: false, code: 'forbidden' }, { kind: 'held', reason: 'forbidden' }],
		[403, 'Change your temporary password first', { kind: 'held', reason: 'http_403' }],
		[413, null, { kind: 'held', reason: 'http_413' }],
		[
			409,
			{ ok: false, code: 'stale', current: { code: 'W1', status: 'checked', version: 9 } },
			{ kind: 'held', reason: 'stale', current: { code: 'W1', status: 'checked', version: 9 } }
		],
		[200, { ok: false }, { kind: 'held', reason: 'http_200' }]
	] as const)('%i %j → %j', (status, body, expected) => {
		expect(classifyResponse(status, body)).toEqual(expected);
	});
});

describe('afterSend', () => {
	it('drops an item the server acknowledged, first time or again', () => {
		expect(afterSend(entry(), { kind: 'done', caseId: 1, code: 'W', duplicate: true })).toEqual({
			remove: true,
			next: true
		});
	});
	it('keeps the item and stops the run when there was no answer, so later items stay behind it', () => {
		expect(afterSend(entry(), { kind: 'retry', reason: 'network' })).toEqual({
			remove: false,
			entry: entry({ attempts: 1, reason: 'network' }),
			next: false
		});
		expect(afterSend(entry(), { kind: 'signed_out' })).toMatchObject({
			remove: false,
			entry: { state: 'pending', reason: 'signed_out' },
			next: false
		});
	});
	it('holds a refused item with its reason and goes on with the next one', () => {
		const current = { code: 'W1', status: 'checked', version: 3 };
		expect(afterSend(entry({ kind: 'check_pass' }), { kind: 'held', reason: 'stale', current })).toEqual({
			remove: false,
			entry: entry({ kind: 'check_pass', state: 'held', reason: 'stale', current, attempts: 1 }),
			next: true
		});
	});
});

describe('sendQueue', () => {
	it('sends the pending items of the signed-in person, oldest first', () => {
		const items = [
			entry({ key: 'c', seq: 30 }),
			entry({ key: 'a', seq: 10 }),
			entry({ key: 'h', seq: 5, state: 'held' }),
			entry({ key: 'o', seq: 1, username: 'wangge2' }),
			entry({ key: 'b', seq: 20 })
		];
		expect(sendQueue(items, 'wangge').map((e) => e.key)).toEqual(['a', 'b', 'c']);
	});
	it('numbers new items after every kept one, even when the phone clock went back', () => {
		expect(nextSeq([entry({ seq: 5000 })], 1000)).toBe(5001);
		expect(nextSeq([], 1000)).toBe(1000);
	});
});

describe('held 核查', () => {
	const stale = (status: string) =>
		entry({ kind: 'check_pass', state: 'held', reason: 'stale', current: { code: 'W1', status, version: 8 } });
	it('may be sent again while the case still waits for 核查, against its current version', () => {
		expect(canResendHeld(stale('feedback'))).toBe(true);
		expect(resendHeld({ ...stale('feedback'), version: 6 })).toMatchObject({
			state: 'pending',
			reason: null,
			version: 8
		});
	});
	it('is left for the worker to discard once someone else checked the case', () => {
		expect(canResendHeld(stale('checked'))).toBe(false);
		expect(resendHeld(stale('checked'))).toEqual(stale('checked'));
		expect(canResendHeld(entry({ state: 'held', reason: 'stale' }))).toBe(false);
	});
});

describe('keptCheck', () => {
	const items = [
		{ ...entry({ key: 'report-000000000001' }), caseId: undefined },
		{ ...entry({ key: 'check-other-case-01', kind: 'check_pass' }), caseId: 8 },
		{ ...entry({ key: 'check-by-wangge2-01', kind: 'check_fail', username: 'wangge2' }), caseId: 7 },
		{ ...entry({ key: 'check-this-case-001', kind: 'check_fail', state: 'held', reason: 'stale' }), caseId: 7 }
	];
	it('finds this person’s 核查 of this case, waiting or held', () => {
		expect(keptCheck(items, 7, 'wangge')?.key).toBe('check-this-case-001');
		expect(keptCheck(items, 7, 'wangge2')?.key).toBe('check-by-wangge2-01');
		expect(keptCheck(items, 9, 'wangge')).toBeUndefined();
	});
	it('leaves out the item being sent as it is recorded', () => {
		expect(keptCheck(items, 7, 'wangge', 'check-this-case-001')).toBeUndefined();
	});
});

describe('recordedApart', () => {
	const at = Date.parse('2026-12-05T10:00:00+08:00');
	it('says the capture time only when it is a minute or more from when the server recorded it', () => {
		expect(recordedApart(at - 60_000, at)).toBe(true);
		expect(recordedApart(at - 59_999, at)).toBe(false);
		expect(recordedApart(null, at)).toBe(false);
		expect(recordedApart('1764900000000', at)).toBe(false);
	});
});

describe('captureTime', () => {
	const now = Date.parse('2026-12-05T10:00:00+08:00');
	it.each([
		[String(now - 3600_000), { ok: true, at: now - 3600_000 }],
		['2026-12-05T09:00:00+08:00', { ok: true, at: now - 3600_000 }],
		[String(now + CLOCK_SKEW_MS - 1), { ok: true, at: now }],
		[String(now + CLOCK_SKEW_MS + 1), { ok: false, code: 'captured_at_invalid' }],
		[String(now - MAX_OUTBOX_AGE_MS - 1), { ok: false, code: 'captured_too_old' }],
		['', { ok: false, code: 'captured_at_invalid' }],
		['yesterday', { ok: false, code: 'captured_at_invalid' }]
	])('%s', (raw, expected) => {
		expect(captureTime(raw, now)).toEqual(expected);
	});
	it('accepts keys made by crypto.randomUUID and refuses others', () => {
		expect(isSubmissionKey(crypto.randomUUID())).toBe(true);
		expect(isSubmissionKey('short')).toBe(false);
		expect(isSubmissionKey('x'.repeat(65))).toBe(false);
		expect(isSubmissionKey('<script>alert(1)</script>aaaa')).toBe(false);
	});
});

describe('retryDelay', () => {
	it.each([
		[1, 3_000],
		[2, 10_000],
		[4, 60_000],
		[9, 300_000]
	])('after %i attempts: %i ms', (attempts, ms) => {
		expect(retryDelay(attempts)).toBe(ms);
	});
});
