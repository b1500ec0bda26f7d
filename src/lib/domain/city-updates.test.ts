import { describe, expect, it } from 'vitest';
import { cityUpdateOf, judgeDelivery, retryDelay, type DeliveryAnswer } from './city-updates';

const AT = Date.UTC(2026, 10, 27, 2, 0);

describe('cityUpdateOf', () => {
	it('reports the five street actions with what the city needs, and nothing for the others', () => {
		expect(
			cityUpdateOf('A1', { action: 'sign', note: null, payload: { firstContactDueAt: AT + 86_400_000 } }, AT, 'k1')
		).toEqual({
			idempotencyKey: 'k1',
			orderNo: 'A1',
			action: 'sign',
			at: '2026-11-27T02:00:00.000Z',
			data: { signedAt: '2026-11-27T02:00:00.000Z', firstContactDueAt: '2026-11-28T02:00:00.000Z' }
		});
		expect(
			cityUpdateOf(
				'A1',
				{
					action: 'first_contact',
					note: '已电话联系',
					payload: { at: AT - 60_000, outcome: 'contacted', method: 'phone' }
				},
				AT,
				'k'
			)?.data
		).toEqual({
			contactedAt: '2026-11-27T01:59:00.000Z',
			outcome: 'contacted',
			method: 'phone',
			summary: '已电话联系'
		});
		expect(
			cityUpdateOf('A1', { action: 'reply', note: '已清理', payload: { resolved: true, redo: false } }, AT, 'k')?.data
		).toEqual({ text: '已清理', resolved: true, redo: false });
		expect(
			cityUpdateOf(
				'A1',
				{ action: 'request_return', note: '非本街道', payload: { reasonCode: 'not_ours', evidenceCount: 1 } },
				AT,
				'k'
			)?.data
		).toEqual({
			reasonCode: 'not_ours',
			reason: '非本街道',
			evidenceCount: 1
		});
		expect(
			cityUpdateOf('A1', { action: 'request_extension', note: '需施工', payload: { proposedDeadline: AT } }, AT, 'k')
				?.data
		).toEqual({ proposedDeadline: '2026-11-27T02:00:00.000Z', reason: '需施工' });
		for (const action of [
			'assign',
			'approve_return',
			'reject_return',
			'approve_extension',
			'reject_extension',
			'supervise',
			'evaluate'
		])
			expect(cityUpdateOf('A1', { action, note: 'x', payload: {} }, AT, 'k')).toBeNull();
	});
});

describe('judgeDelivery', () => {
	const answered = (status: number, reason: string | null = null): DeliveryAnswer => ({
		kind: 'answered',
		status,
		reason,
		ref: status === 200 ? 'R1' : null
	});
	it.each([
		['200', answered(200), { outcome: 'delivered', ref: 'R1' }],
		['202', answered(202), { outcome: 'delivered', ref: null }],
		['500', answered(500), { outcome: 'retry', error: 'HTTP 500' }],
		['503 with a text', answered(503, 'maintenance'), { outcome: 'retry', error: 'HTTP 503: maintenance' }],
		['timeout', { kind: 'timeout' } as DeliveryAnswer, { outcome: 'retry', error: 'timeout' }],
		[
			'connection refused',
			{ kind: 'network', message: 'ECONNREFUSED' } as DeliveryAnswer,
			{ outcome: 'retry', error: 'network: ECONNREFUSED' }
		],
		['401 (our key is wrong)', answered(401, 'bad key'), { outcome: 'retry', error: 'HTTP 401: bad key' }],
		['429', answered(429), { outcome: 'retry', error: 'HTTP 429' }],
		[
			'422 with the reason',
			answered(422, '工单已办结，不接受签收'),
			{ outcome: 'refused', reason: '工单已办结，不接受签收' }
		],
		['400 without a reason', answered(400), { outcome: 'refused', reason: 'HTTP 400' }],
		['302 (not an answer)', answered(302), { outcome: 'retry', error: 'HTTP 302' }]
	])('%s', (_name, answer, verdict) => {
		expect(judgeDelivery(answer)).toEqual(verdict);
	});
});

describe('retryDelay', () => {
	it('doubles from the base up to the cap', () => {
		const b = { baseMs: 30_000, maxMs: 3_600_000 };
		expect([1, 2, 3, 4, 5, 6, 7, 8, 50].map((n) => retryDelay(n, b))).toEqual([
			30_000, 60_000, 120_000, 240_000, 480_000, 960_000, 1_920_000, 3_600_000, 3_600_000
		]);
		expect(retryDelay(0, b)).toBe(30_000);
	});
});
