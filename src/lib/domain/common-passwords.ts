// Passwords too common to accept as new ones: common-passwords.json holds about 1,600
// that lead the published leak lists worldwide and in China (123456, 5201314, woaini1314,
// qwerty123, 1qaz2wsx…), with the usual years and digit endings added to common words. Written for
// GridCase (no download at run time). Compared ignoring case, also with a digit or symbol ending
// cut off, so 'Qwertyuiop2026!' counts as 'qwertyuiop'.
import list from './common-passwords.json' with { type: 'json' };

const COMMON: ReadonlySet<string> = new Set(list);

export function isCommonPassword(password: string): boolean {
	const p = password.trim().toLowerCase();
	if (COMMON.has(p)) return true;
	const stem = p.replace(/[\d\W_]+$/u, '');
	return stem.length >= 4 && COMMON.has(stem);
}
