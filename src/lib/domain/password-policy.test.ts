import { describe, expect, it } from 'vitest';
import { checkNewPassword } from './password-policy';

describe('checkNewPassword', () => {
	it('wants 10 to 128 characters, not the username, typed twice alike', () => {
		expect(checkNewPassword('short7!', 'short7!', 'wangge')).toBe('password_too_short');
		expect(checkNewPassword('nine-char', 'nine-char', 'wangge')).toBe('password_too_short');
		expect(checkNewPassword('x'.repeat(129), 'x'.repeat(129), 'wangge')).toBe('too_long');
		expect(checkNewPassword('Wangge.01', 'Wangge.01', 'wangge.01')).toBe('password_is_username');
		expect(checkNewPassword('river-bank-7', 'river-bank-8', 'wangge')).toBe('password_mismatch');
		expect(checkNewPassword('river-bank-7', 'river-bank-7', 'wangge')).toBeNull();
		expect(checkNewPassword('wangge', 'wangge', 'wangge')).toBe('password_is_username');
	});
	it('refuses common passwords, also with a year or digits added, ignoring case', () => {
		for (const p of [
			'1234567890',
			'woaini1314',
			'Qwerty123456',
			'5201314520',
			'qwertyuiop',
			'QWERTYUIOP2026!',
			'Password2026',
			'a123456789',
			'1qaz2wsx3edc'
		])
			expect([p, checkNewPassword(p, p, 'wangge')]).toEqual([p, 'password_common']);
		expect(checkNewPassword('gumei-patrol-3', 'gumei-patrol-3', 'wangge')).toBeNull();
	});
});
