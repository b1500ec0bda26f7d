import { describe, expect, it } from 'vitest';
import {
	creditCodeCheckChar,
	isValidCreditCode,
	normalizeCreditCode,
	repeatOffences,
	validateShopInput,
	type ShopInput
} from './shop-input';

describe('统一社会信用代码 (GB 32100-2015)', () => {
	it.each([
		'91350100M000100Y43',
		'91350200776049653A',
		'91440101MA5CJQ4N59',
		'913502000728319549',
		'9135021359498494XQ'
	])('accepts the published code %s', (code) => expect(isValidCreditCode(code)).toBe(true));

	it('rejects a one-character change anywhere, the check character included', () => {
		expect(isValidCreditCode('91350100M000100Y44')).toBe(false);
		expect(isValidCreditCode('91350100M000101Y43')).toBe(false);
		expect(isValidCreditCode('81350100M000100Y43')).toBe(false);
	});

	it('writes a check of 31 as 0 and 30 as Y', () => {
		// Σ value × weight = 651 = 21 × 31
		expect(creditCodeCheckChar('9131011205000000D')).toBe('0');
		expect(creditCodeCheckChar('9131011205000000P')).toBe('Y');
		expect(isValidCreditCode('9131011205000000D0')).toBe(true);
	});

	it.each([
		['too short', '91350100M000100Y4'],
		['too long', '91350100M000100Y431'],
		['letters I O S V Z are not in the set', '91350100M000100I43'],
		['lower case (not normalised)', '91350100m000100y43'],
		['行政区划码 must be digits', '91A50100M000100Y43'],
		['empty', '']
	])('rejects %s', (_why, code) => expect(isValidCreditCode(code)).toBe(false));

	it('normalises full-width characters, spaces and case', () => {
		expect(normalizeCreditCode(' ９１３５０１００m000100y43 ')).toBe('91350100M000100Y43');
		expect(normalizeCreditCode('9135 0100 M000 100Y 43')).toBe('91350100M000100Y43');
	});

	it('gives no check character for bad input', () => {
		expect(creditCodeCheckChar('9135010')).toBeNull();
		expect(creditCodeCheckChar('91350100M000100O4')).toBeNull();
	});
});

const input = (over: Partial<ShopInput> = {}): ShopInput => ({
	signName: '老王早餐店',
	creditCode: '91350100M000100Y43',
	ownerName: '王建国',
	phone: '139 1234 5678',
	address: '古美路 100 号',
	lng: 121.3977,
	lat: 31.1434,
	...over
});

describe('validateShopInput', () => {
	it('trims and normalises a good record', () => {
		const r = validateShopInput(input({ signName: '  老王早餐店 ', creditCode: '91350100m000100y43' }));
		expect(r).toEqual({
			ok: true,
			value: {
				signName: '老王早餐店',
				creditCode: '91350100M000100Y43',
				ownerName: '王建国',
				phone: '13912345678',
				address: '古美路 100 号',
				lng: 121.3977,
				lat: 31.1434
			}
		});
	});

	it('a street stall has no credit code', () => {
		const r = validateShopInput(input({ creditCode: '  ' }));
		expect(r.ok && r.value.creditCode).toBeNull();
	});

	it('an address may be left empty', () => {
		expect(validateShopInput(input({ address: '' })).ok).toBe(true);
	});

	it('reports every field at once', () => {
		const r = validateShopInput({
			signName: ' ',
			creditCode: '91350100M000100Y44',
			ownerName: '',
			phone: '',
			address: '',
			lng: NaN,
			lat: NaN
		});
		expect(r).toEqual({
			ok: false,
			errors: {
				signName: 'required',
				creditCode: 'invalid_credit_code',
				ownerName: 'required',
				phone: 'required',
				point: 'required'
			}
		});
	});

	it.each([
		['signName', { signName: '店'.repeat(101) }, 'too_long'],
		['ownerName', { ownerName: '名'.repeat(51) }, 'too_long'],
		['address', { address: '路'.repeat(201) }, 'too_long'],
		['phone', { phone: '12345' }, 'invalid_phone'],
		['point', { lng: 200, lat: 31 }, 'invalid_point'],
		['point', { lng: 121.39, lat: NaN }, 'required']
	] as const)('%s: %o → %s', (field, over, code) => {
		const r = validateShopInput(input(over));
		expect(r.ok).toBe(false);
		if (!r.ok) expect(r.errors).toEqual({ [field]: code });
	});

	it('counts characters, not UTF-16 units, at the limits', () => {
		expect(validateShopInput(input({ signName: '𠀀'.repeat(100) })).ok).toBe(true);
		expect(validateShopInput(input({ ownerName: '名'.repeat(50) })).ok).toBe(true);
	});
});

describe('repeatOffences', () => {
	const DAY = 86_400_000;
	const now = Date.parse('2026-06-01T10:00:00+08:00');
	const cases = [
		{ id: 1, created_at: now - 400 * DAY },
		{ id: 2, created_at: now - 365 * DAY }, // exactly at the edge: outside
		{ id: 3, created_at: now - 364 * DAY },
		{ id: 4, created_at: now - 2 * DAY },
		{ id: 5, created_at: now },
		{ id: 6, created_at: now + DAY }, // not yet (clock skew in imported data)
		{ id: 7, created_at: now - 2 * DAY }
	];

	it('keeps the window, newest first (ties by id)', () => {
		expect(repeatOffences(cases, { windowDays: 365, now }).map((c) => c.id)).toEqual([5, 7, 4, 3]);
	});

	it('leaves out the case being looked at', () => {
		expect(repeatOffences(cases, { windowDays: 365, now, excludeId: 5 }).map((c) => c.id)).toEqual([7, 4, 3]);
	});

	it('a shorter window, an empty list, and the input left alone', () => {
		const copy = [...cases];
		expect(repeatOffences(cases, { windowDays: 30, now }).map((c) => c.id)).toEqual([5, 7, 4]);
		expect(cases).toEqual(copy);
		expect(repeatOffences([], { windowDays: 365, now })).toEqual([]);
	});
});
