import { describe, expect, it } from 'vitest';
import { looksLikePhone, planOrderSearch } from './hotline-search';

describe('planOrderSearch', () => {
	it.each([
		// q, may search personal data, plan
		['13800138000', true, { phone: '13800138000', name: null, textColumns: 'all', notice: null }],
		['+86 138 0013 8000', true, { phone: '13800138000', name: null, textColumns: 'all', notice: null }],
		['021-64001234', true, { phone: '021-64001234', name: null, textColumns: 'all', notice: null }],
		['张三', true, { phone: null, name: '张三', textColumns: 'all', notice: null }],
		['1380013', true, { phone: null, name: null, textColumns: 'all', notice: 'phone_incomplete' }],
		['古美路1000弄', true, { phone: null, name: '古美路1000弄', textColumns: 'all', notice: null }],
		['13800138000', false, { phone: null, name: null, textColumns: 'order_no', notice: 'phone_not_allowed' }],
		['1380013', false, { phone: null, name: null, textColumns: 'order_no', notice: 'phone_not_allowed' }],
		['138****8000', false, { phone: null, name: null, textColumns: 'order_no', notice: 'phone_not_allowed' }],
		['张三', false, { phone: null, name: null, textColumns: 'all', notice: null }],
		['噪音', false, { phone: null, name: null, textColumns: 'all', notice: null }]
	] as const)('%s (personal data: %s)', (q, may, plan) => {
		expect(planOrderSearch(q, may)).toEqual({ text: q, ...plan });
	});

	it('short numbers are text (a house number, part of an order number), not phones', () => {
		expect(looksLikePhone('1000')).toBe(false);
		expect(looksLikePhone('SH12345-20261127')).toBe(false);
		expect(looksLikePhone('２３４５６')).toBe(true); // full-width digits as typed on a Chinese keyboard
	});
});
