// What a new password must be, apart from account-input.ts so that the list of
// common passwords stays on the server: pages import only the length from account-input.
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from './account-input';
import { isCommonPassword } from './common-passwords';

/** What is wrong with a new password whoever sets it (the account page, `npm run user:create`); null: nothing. */
export function passwordProblem(password: string, username: string): string | null {
	if (password.trim().toLowerCase() === username.toLowerCase()) return 'password_is_username';
	if (password.length < MIN_PASSWORD_LENGTH) return 'password_too_short';
	if (password.length > MAX_PASSWORD_LENGTH) return 'too_long';
	if (isCommonPassword(password)) return 'password_common';
	return null;
}

/** A new password: long enough, not absurdly long, not the username, not a common one, typed the same twice. */
export function checkNewPassword(password: string, confirm: string, username: string): string | null {
	return passwordProblem(password, username) ?? (password !== confirm ? 'password_mismatch' : null);
}
