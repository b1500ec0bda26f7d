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

	it('stays what it was when the orders were stored (a changed canonical text would make every order "changed")', () => {
		expect(orderFingerprint(order)).toBe('82f24c680bae1e2bcc195a995ea00ff66571a2e04cbad5d75baa19035d7571bf');
		const placed = {
			...order,
			dueAt: 1_790_500_000_000,
			lng: 121.4,
			lat: 31.1,
			categoryCode: 'SH-HWSR-01',
			communityId: 3
		};
		expect(orderFingerprint(placed)).toBe('762e1fbf3d8a937005d3e10f8e90ddf194ccd8e4227d21dca020247a40c26aef');
	});
});
