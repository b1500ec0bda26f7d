import { normalizePhone } from './personal-data';

/** 重复来电: another order from the same phone or at the same address within this many days before. */
export const REPEAT_WINDOW_DAYS = 90;
export const REPEAT_WINDOW_MS = REPEAT_WINDOW_DAYS * 86_400_000;

/**
 * How the order list reads what was typed in its search box.
 * - phone: a full, valid phone number (normalised), matched exactly against the caller's phone.
 * - name: the text matched exactly against the caller's name.
 * - textColumns: where the text itself is looked for (order number only, or also address and content).
 * - notice: why a phone-like search did not search phones (shown above the results).
 * Only a viewer who may search personal data gets phone and name; for anyone else a text that looks
 * like a phone number is looked for in order numbers only (an order's content may quote the phone),
 * so nothing in the results depends on a phone or name the viewer may not see.
 */
export interface OrderSearchPlan {
	text: string;
	phone: string | null;
	name: string | null;
	textColumns: 'all' | 'order_no';
	notice: 'phone_not_allowed' | 'phone_incomplete' | null;
}

/** Digits with the usual phone punctuation (spaces, dashes, brackets, +, a masked '*'), at least 5 digits. */
export function looksLikePhone(q: string): boolean {
	const t = q.normalize('NFKC');
	return /^[\d\s\-+()*]+$/.test(t) && (t.match(/\d/g)?.length ?? 0) >= 5;
}

/** A whole phone number, or null: '1380013' reads as a 7-digit landline, but local numbers never start with 1: it is part of a mobile. */
function fullPhone(text: string): string | null {
	const p = normalizePhone(text);
	return p === null || (p.startsWith('1') && p.length !== 11) ? null : p;
}

export function planOrderSearch(q: string, maySearchPersonal: boolean): OrderSearchPlan {
	const text = q.trim();
	const phoneLike = looksLikePhone(text);
	if (!maySearchPersonal)
		return {
			text,
			phone: null,
			name: null,
			textColumns: phoneLike ? 'order_no' : 'all',
			notice: phoneLike ? 'phone_not_allowed' : null
		};
	const phone = phoneLike ? fullPhone(text) : null;
	const name = phoneLike || Array.from(text).length > 40 ? null : text;
	return { text, phone, name, textColumns: 'all', notice: phoneLike && phone === null ? 'phone_incomplete' : null };
}
