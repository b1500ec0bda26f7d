// A citizen's name and phone are personal data: normalised on entry, masked
// for every role but the assigned handler and the dispatcher.

const MOBILE = /^1[3-9]\d{9}$/;
const LANDLINE = /^(0\d{2,3}-?)?\d{7,8}$/;

/**
 * A phone number in one canonical form, or null when it is not one. Mobile: 11 digits
 * ('13812345678'); landline: '[area code[-]]number' ('021-64001234', '64001234'). Spaces are
 * dropped, a +86 / 0086 country prefix removed, and dashes kept only between a landline's area code
 * and number.
 */
export function normalizePhone(s: string): string | null {
	let t = s.normalize('NFKC').replace(/\s+/g, '');
	// '(021)64001234' is how people write an area code by hand.
	t = t.replace(/^\((0\d{2,3})\)-?/, '$1-');
	const international = /^(?:\+|00)86-?/.exec(t);
	if (international) {
		t = t.slice(international[0].length);
		// Dialled from abroad a landline drops its trunk 0: +86 21 6400 1234 is 021 6400 1234.
		if (/^[2-9]/.test(t)) t = `0${t}`;
	}
	const digits = t.replace(/-/g, '');
	if (MOBILE.test(digits)) return digits;
	if (/^861[3-9]\d{9}$/.test(digits)) return digits.slice(2);
	const area = /^(0\d{2,3})-(.+)$/.exec(t);
	const landline = area ? `${area[1]}-${area[2].replace(/-/g, '')}` : digits;
	return LANDLINE.test(landline) ? landline : null;
}

/**
 * '13812345678' → '138****5678'; '021-64001234' → '021-****1234'; '64001234' → '****1234'.
 * Text that is not a phone is masked all the same (GridCase rule: '****' plus the last 4 characters
 * only when at least 8 long), so nothing slips through unmasked.
 */
export function maskPhone(s: string): string {
	const raw = s.trim();
	if (raw === '') return '';
	const p = normalizePhone(raw);
	if (p === null) {
		const chars = Array.from(raw);
		return chars.length >= 8 ? `****${chars.slice(-4).join('')}` : '****';
	}
	if (MOBILE.test(p)) return `${p.slice(0, 3)}****${p.slice(-4)}`;
	const dash = p.indexOf('-');
	if (dash > 0) return `${p.slice(0, dash)}-****${p.slice(-4)}`;
	// An area code without a dash: its first 3 digits are always part of the code, never the number.
	return p.startsWith('0') ? `${p.slice(0, 3)}****${p.slice(-4)}` : `****${p.slice(-4)}`;
}

/** '张三' → '张*'; '欧阳娜娜' → '欧***'; 'Li Lei' → 'L*****'; a one-character name is all '*'. */
export function maskName(s: string): string {
	const chars = Array.from(s.trim());
	if (chars.length === 0) return '';
	if (chars.length === 1) return '*';
	return chars[0] + '*'.repeat(chars.length - 1);
}

/**
 * The `tel:` link of a number shown in full ('021-64001234' → 'tel:02164001234'), or null for
 * anything that is not a phone number, a masked one ('138****5678') included. Callers pass only
 * the number the server already decided this viewer may see.
 */
export function telHref(shown: string): string | null {
	if (shown.includes('*')) return null;
	const p = normalizePhone(shown);
	return p === null ? null : `tel:${p.replace(/-/g, '')}`;
}
