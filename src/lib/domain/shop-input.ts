// The shop registry (商户档案): what a shop record must hold, and which of a shop's
// enforcement cases count as repeat offences. Pure: no I/O, now is a parameter.
import { isValidLngLat } from './geo';
import { normalizePhone } from './personal-data';

export const MAX_SIGN_NAME = 100;
export const MAX_OWNER_NAME = 50;
export const MAX_SHOP_ADDRESS = 200;
/** GridCase default for the repeat-offence window (setting `enforcement.repeat_window_days`). */
export const DEFAULT_REPEAT_WINDOW_DAYS = 365;

/** 统一社会信用代码 character set (GB 32100-2015): digits and capitals without I, O, S, V, Z; value = index. */
const CREDIT_CODE_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const CREDIT_CODE_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
/** 登记管理部门 + 机构类别, 6-digit 行政区划码 (GB/T 2260), 9-character 主体标识码, check character. */
const CREDIT_CODE_SHAPE = /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/;

/** Full-width characters and spaces are how codes get typed; the register keeps one form. */
export function normalizeCreditCode(s: string): string {
	return s.normalize('NFKC').replace(/\s+/g, '').toUpperCase();
}

/** The 18th character for the first 17: 31 − (Σ value × weight mod 31), with 31 written as '0'. */
export function creditCodeCheckChar(first17: string): string | null {
	if (first17.length !== 17) return null;
	let sum = 0;
	for (let i = 0; i < 17; i++) {
		const v = CREDIT_CODE_CHARS.indexOf(first17[i]);
		if (v < 0) return null;
		sum += v * CREDIT_CODE_WEIGHTS[i];
	}
	return CREDIT_CODE_CHARS[(31 - (sum % 31)) % 31];
}

/** A well-formed 统一社会信用代码 (already normalised) whose check character matches. */
export function isValidCreditCode(code: string): boolean {
	return CREDIT_CODE_SHAPE.test(code) && creditCodeCheckChar(code.slice(0, 17)) === code[17];
}

/** What a user types into the shop form. NaN coordinates mean "not given". */
export interface ShopInput {
	signName: string;
	creditCode: string;
	ownerName: string;
	phone: string;
	address: string;
	lng: number;
	lat: number;
}

/** A shop record's fields, validated and normalised (a street stall has no credit code). */
export interface ShopFields {
	signName: string;
	creditCode: string | null;
	ownerName: string;
	phone: string;
	address: string;
	lng: number;
	lat: number;
}

/** Field → error code ('required', 'too_long', 'invalid_credit_code', 'invalid_phone', 'invalid_point'). */
export type ShopFieldErrors = Partial<
	Record<'signName' | 'creditCode' | 'ownerName' | 'phone' | 'address' | 'point', string>
>;

export type ShopValidation = { ok: true; value: ShopFields } | { ok: false; errors: ShopFieldErrors };

const length = (s: string) => Array.from(s).length;

export function validateShopInput(input: ShopInput): ShopValidation {
	const errors: ShopFieldErrors = {};
	const signName = input.signName.trim();
	if (!signName) errors.signName = 'required';
	else if (length(signName) > MAX_SIGN_NAME) errors.signName = 'too_long';

	const code = normalizeCreditCode(input.creditCode);
	if (code && !isValidCreditCode(code)) errors.creditCode = 'invalid_credit_code';

	const ownerName = input.ownerName.trim();
	if (!ownerName) errors.ownerName = 'required';
	else if (length(ownerName) > MAX_OWNER_NAME) errors.ownerName = 'too_long';

	const phone = input.phone.trim() ? normalizePhone(input.phone) : null;
	if (!input.phone.trim()) errors.phone = 'required';
	else if (phone === null) errors.phone = 'invalid_phone';

	const address = input.address.trim();
	if (length(address) > MAX_SHOP_ADDRESS) errors.address = 'too_long';

	if (Number.isNaN(input.lng) || Number.isNaN(input.lat)) errors.point = 'required';
	else if (!isValidLngLat(input.lng, input.lat)) errors.point = 'invalid_point';

	if (Object.keys(errors).length || phone === null) return { ok: false, errors };
	return {
		ok: true,
		value: { signName, creditCode: code || null, ownerName, phone, address, lng: input.lng, lat: input.lat }
	};
}

/**
 * A shop's other enforcement cases opened within the last `windowDays` days up to `now` (by
 * created_at, epoch ms), newest first; rows straight from listShopCases fit. `excludeId` leaves out
 * the case being looked at.
 */
export function repeatOffences<T extends { id: number; created_at: number }>(
	cases: readonly T[],
	opts: { windowDays: number; now: number; excludeId?: number }
): T[] {
	const since = opts.now - opts.windowDays * 86_400_000;
	return cases
		.filter((c) => c.id !== opts.excludeId && c.created_at > since && c.created_at <= opts.now)
		.sort((a, b) => b.created_at - a.created_at || b.id - a.id);
}
