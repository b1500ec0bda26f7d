import { describe, expect, it } from 'vitest';
import type { OrderInput } from '$lib/domain/hotline-order-input';
import { orderFingerprint } from './fingerprint';

const order: OrderInput = {
	orderNo: 'T-1',
	channel: '12345热线',
	orderTypeCode: 'complaint',
	orderLimit: { value: 5, unit: 'wd' },
	urgency: '一般',
	citizenName: '欧阳娜娜',
	phone: '13812345678',
	address: '古美路',
	lng: null,
	lat: null,
	content: '楼道堆物',
	receivedAt: 1_790_000_000_000,
	categoryCode: null,
	communityId: null
};

describe('orderFingerprint', () => {
	it('is a SHA-256 hex that carries neither the name nor the phone', () => {
		const fp = orderFingerprint(order);
		expect(fp).toMatch(/^[0-9a-f]{64}$/);
		expect(fp).not.toContain('13812345678');
	});

	it('is the same for the same order and differs when one field changes', () => {
		expect(orderFingerprint({ ...order })).toBe(orderFingerprint(order));
		expect(orderFingerprint({ ...order, content: '楼道堆物已清' })).not.toBe(orderFingerprint(order));
	});
});
