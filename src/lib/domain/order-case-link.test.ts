import { describe, expect, it } from 'vitest';
import {
	checkJoin,
	checkOrderLinkable,
	draftReplyFrom,
	LINK_RADIUS_M,
	pickCandidates,
	type CandidateCase,
	type LinkableOrder
} from './order-case-link';

// 古美路街道: about 0.0018° of latitude is 200 m.
const order: LinkableOrder = {
	status: 'handling',
	linkedCaseId: null,
	categoryCode: 'SH-DLJT-01',
	lng: 121.39,
	lat: 31.15
};
const near = (id: number, dLat: number, over: Partial<CandidateCase> = {}): CandidateCase => ({
	id,
	status: 'dispatched',
	categoryCode: 'SH-DLJT-01',
	lng: 121.39,
	lat: 31.15 + dLat,
	reportedAt: id * 1000,
	...over
});

describe('which orders may become or join a grid case', () => {
	it.each([
		['received', null],
		['assigned', null],
		['handling', null],
		['redo', null],
		['replied', 'order_closed'],
		['completed', 'order_closed'],
		['returned', 'order_closed']
	] as const)('an order %s → %s', (status, expected) => {
		expect(checkOrderLinkable({ ...order, status })).toBe(expected);
	});

	it('an order already linked is refused a second case', () => {
		expect(checkOrderLinkable({ ...order, linkedCaseId: 7 })).toBe('already_linked');
	});
});

describe('joining an open case nearby', () => {
	it('accepts an open case of the same category within the radius', () => {
		expect(checkJoin(order, near(1, 0.001))).toBeNull();
	});
	it.each([
		['a closed case', near(1, 0, { status: 'closed' }), 'case_closed'],
		['a void case', near(1, 0, { status: 'void' }), 'case_closed'],
		['another category', near(1, 0, { categoryCode: 'SH-HWSR-01' }), 'category_mismatch'],
		['a case 300 m away', near(1, 0.0027), 'too_far']
	] as const)('refuses %s', (_, target, reason) => {
		expect(checkJoin(order, target)).toBe(reason);
	});
	it('refuses an order with no category or no point', () => {
		expect(checkJoin({ ...order, categoryCode: null }, near(1, 0))).toBe('category_mismatch');
		expect(checkJoin({ ...order, lng: null, lat: null }, near(1, 0))).toBe('no_point');
	});

	it('offers the candidates newest first, with their distance, and leaves out what may not be joined', () => {
		const cases = [
			near(1, 0.001),
			near(3, 0.0005),
			near(2, 0.0027),
			near(4, 0, { status: 'closed' }),
			near(5, 0, { categoryCode: 'X' })
		];
		const picked = pickCandidates(order, cases);
		expect(picked.map((c) => c.id)).toEqual([3, 1]);
		expect(picked[0].distance).toBeGreaterThan(50);
		expect(picked[0].distance).toBeLessThan(60);
		expect(picked.every((c) => c.distance <= LINK_RADIUS_M)).toBe(true);
		expect(pickCandidates({ ...order, lng: null, lat: null }, cases)).toEqual([]);
	});
});

describe('the draft 答复 from the case', () => {
	it('is the 处置反馈 note once the case is closed, and nothing before', () => {
		expect(draftReplyFrom({ status: 'closed', feedbackNote: ' 已修复路面坑洞 ', closedAt: 1 })).toBe('已修复路面坑洞');
		expect(draftReplyFrom({ status: 'checked', feedbackNote: '已修复', closedAt: null })).toBeNull();
		expect(draftReplyFrom({ status: 'closed', feedbackNote: null, closedAt: 1 })).toBeNull();
	});
});
