import { describe, expect, it } from 'vitest';
import { maskName, maskPhone, normalizePhone, telHref } from './personal-data';

describe('normalizePhone', () => {
	const TABLE: ReadonlyArray<readonly [string, string | null]> = [
		['13812345678', '13812345678'],
		[' 138 1234 5678 ', '13812345678'],
		['138-1234-5678', '13812345678'],
		['+86 138 1234 5678', '13812345678'],
		['+86-13812345678', '13812345678'],
		['0086 13812345678', '13812345678'],
		['8613812345678', '13812345678'],
		['１３８１２３４５６７８', '13812345678'], // full-width digits, as typed with a Chinese IME
		['19912345678', '19912345678'],
		['021-64001234', '021-64001234'],
		['021 6400 1234', '02164001234'],
		['02164001234', '02164001234'],
		['(021)64001234', '021-64001234'],
		['0755-8888888', '0755-8888888'],
		['021-6400-1234', '021-64001234'],
		['64001234', '64001234'],
		['6400123', '6400123'],
		['+86 21 6400 1234', '02164001234'],
		['', null],
		['   ', null],
		['12812345678', null], // 12x is not a mobile prefix
		['1381234567', null], // 10 digits
		['138123456789', null], // 12 digits
		['640012', null],
		['021-640012345', null],
		['13812345678-1', null], // trailing junk is not silently dropped
		['021-64001234-801', null], // an extension is not a number we can dial back
		['匿名', null],
		['无', null],
		['400-820-8820', null],
		['+1 415 555 0100', null]
	];
	it.each(TABLE)('%j → %j', (input, expected) => {
		expect(normalizePhone(input)).toBe(expected);
	});
});

describe('maskPhone', () => {
	const TABLE: ReadonlyArray<readonly [string, string]> = [
		['13812345678', '138****5678'],
		['+86 138 1234 5678', '138****5678'],
		['0086-13812345678', '138****5678'],
		['021-64001234', '021-****1234'],
		['0755-8888888', '0755-****8888'],
		['64001234', '****1234'],
		['02164001234', '021****1234'],
		['', ''],
		['   ', ''],
		// Not a phone: still masked, never shown as typed.
		['not-a-phone-123456', '****3456'],
		['12345', '****']
	];
	it.each(TABLE)('%j → %j', (input, expected) => {
		expect(maskPhone(input)).toBe(expected);
	});

	it('never returns the full digits of a valid number', () => {
		for (const p of ['13812345678', '021-64001234', '64001234'])
			expect(maskPhone(p).replace(/\D/g, '').length).toBeLessThan(p.replace(/\D/g, '').length);
	});
});

describe('maskName', () => {
	const TABLE: ReadonlyArray<readonly [string, string]> = [
		['张三', '张*'],
		['欧阳娜娜', '欧***'],
		['Li Lei', 'L*****'],
		[' 王小明 ', '王**'],
		['张', '*'],
		['𠮷野家', '𠮷**'], // a character outside the BMP counts once
		['', ''],
		['  ', '']
	];
	it.each(TABLE)('%j → %j', (input, expected) => {
		expect(maskName(input)).toBe(expected);
	});
});

describe('telHref', () => {
	it.each([
		['13812345678', 'tel:13812345678'],
		['+86 138 1234 5678', 'tel:13812345678'],
		['021-64001234', 'tel:02164001234'],
		['(021)64001234', 'tel:02164001234'],
		['64001234', 'tel:64001234']
	])('%s → %s', (shown, href) => {
		expect(telHref(shown)).toBe(href);
	});

	it.each(['138****5678', '021-****1234', '****1234', '****', '', '12345', '请联系居委'])(
		'no link for %j (masked or not a number)',
		(shown) => {
			expect(telHref(shown)).toBeNull();
		}
	);

	it('a masked number never becomes a link, whatever was masked', () => {
		for (const phone of ['13812345678', '021-64001234', '64001234']) expect(telHref(maskPhone(phone))).toBeNull();
	});
});
