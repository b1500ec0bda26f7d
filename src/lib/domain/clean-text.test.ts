import { describe, expect, it } from 'vitest';
import { cleanText } from './clean-text';

describe('cleanText', () => {
	it('removes NUL, ESC, other C0 and C1 controls, DEL and bidi overrides; keeps tab, newlines and all other text', () => {
		expect(cleanText('a\u0000b\u001b[31mc\u0007\u007f\u0085')).toBe('ab[31mc');
		expect(cleanText('\u202Egnp.exe\u202C \u2066x\u2069 \u202A\u202B\u202D\u2067\u2068')).toBe('gnp.exe x ');
		expect(cleanText('第一行\r\n第二行\t（完）😀 ‎')).toBe('第一行\r\n第二行\t（完）😀 ‎');
	});
});
