// Where and within what time a party may challenge a 处罚决定书. 行政处罚法 §59 requires the decision
// to name the ways (行政复议, 行政诉讼) and the time limits; the 复议机关 and the court depend on
// who issues it, so they are the admin's settings, checked here.

/** The 复议机关, the court and their time limits as a 决定书 names them. */
export interface AppealRoutes {
	/** 复议机关: for a 街道办事处's decision, the district government (行政复议法 §24). */
	reviewOrgan: string;
	/** 行政复议 within this many days of receipt (行政复议法 §20: at least 60). */
	reviewDays: number;
	/** The court of first instance for a suit against the decision. */
	court: string;
	/** 行政诉讼 within this many months of receipt (行政诉讼法 §46: 6). */
	litigationMonths: number;
}

/** The demo subdistrict's (古美路街道, 闵行区): to be confirmed by the 法制 unit before real use. */
export const DEFAULT_APPEAL_ROUTES: AppealRoutes = {
	reviewOrgan: '上海市闵行区人民政府',
	reviewDays: 60,
	court: '上海市闵行区人民法院',
	litigationMonths: 6
};

export const APPEAL_NAME_MAX = 60;
/** The law's minimums; a longer period is lawful (a special law may give more), a shorter one never. */
export const REVIEW_DAYS_RANGE = [60, 365] as const;
export const LITIGATION_MONTHS_RANGE = [6, 24] as const;

export type AppealField = keyof AppealRoutes;
export type AppealError = 'required' | 'too_long' | 'not_an_organ' | 'not_a_court' | 'out_of_range';
export type AppealValidation =
	{ ok: true; value: AppealRoutes } | { ok: false; errors: Partial<Record<AppealField, AppealError>> };

const intIn = (s: string, [min, max]: readonly [number, number]) =>
	/^\d{1,4}$/.test(s) && Number(s) >= min && Number(s) <= max ? Number(s) : null;

/** Form text in, the routes out or an error per field. An organ is a 人民政府 (or 司法局/局/委); a court a 法院. */
export function validateAppealRoutes(input: Record<AppealField, string>): AppealValidation {
	const errors: Partial<Record<AppealField, AppealError>> = {};
	const name = (field: 'reviewOrgan' | 'court', suffix: RegExp, wrong: AppealError) => {
		const v = input[field].normalize('NFKC').replace(/\s+/g, '');
		if (!v) errors[field] = 'required';
		else if (v.length > APPEAL_NAME_MAX) errors[field] = 'too_long';
		else if (!suffix.test(v)) errors[field] = wrong;
		return v;
	};
	const reviewOrgan = name('reviewOrgan', /(人民政府|局|委员会)$/, 'not_an_organ');
	const court = name('court', /法院$/, 'not_a_court');
	const reviewDays = intIn(input.reviewDays.trim(), REVIEW_DAYS_RANGE);
	const litigationMonths = intIn(input.litigationMonths.trim(), LITIGATION_MONTHS_RANGE);
	if (reviewDays === null) errors.reviewDays = input.reviewDays.trim() ? 'out_of_range' : 'required';
	if (litigationMonths === null) errors.litigationMonths = input.litigationMonths.trim() ? 'out_of_range' : 'required';
	if (Object.keys(errors).length || reviewDays === null || litigationMonths === null) return { ok: false, errors };
	return { ok: true, value: { reviewOrgan, reviewDays, court, litigationMonths } };
}

/** Settings as stored (JSON), or the defaults where a stored value no longer passes the checks. */
export function readAppealRoutes(stored: unknown): AppealRoutes {
	if (!stored || typeof stored !== 'object') return DEFAULT_APPEAL_ROUTES;
	const s = stored as Record<string, unknown>;
	const checked = validateAppealRoutes({
		reviewOrgan: String(s.reviewOrgan ?? ''),
		reviewDays: String(s.reviewDays ?? ''),
		court: String(s.court ?? ''),
		litigationMonths: String(s.litigationMonths ?? '')
	});
	return checked.ok ? checked.value : DEFAULT_APPEAL_ROUTES;
}

const DIGITS = '零一二三四五六七八九';
/** 60 → 六十, 6 → 六, 365 → 三百六十五: how a 决定书 writes its periods. */
export function chineseNumber(n: number): string {
	if (!Number.isInteger(n) || n < 0 || n > 9999) return String(n);
	if (n < 10) return DIGITS[n];
	const units = ['', '十', '百', '千'];
	const ds = String(n).split('').map(Number);
	let out = '';
	let zero = false;
	ds.forEach((d, i) => {
		const unit = units[ds.length - 1 - i];
		if (d === 0) zero = out !== '';
		else {
			if (zero) out += '零';
			zero = false;
			out += (d === 1 && unit === '十' && out === '' ? '' : DIGITS[d]) + unit;
		}
	});
	return out;
}

/** The 决定书's sentence on 行政复议 and 行政诉讼 (行政处罚法 §59(五), §73). */
export function appealSentence(r: AppealRoutes): string {
	return (
		`如不服本决定，可以在收到本决定书之日起${chineseNumber(r.reviewDays)}日内向${r.reviewOrgan}申请行政复议，` +
		`或者在${chineseNumber(r.litigationMonths)}个月内依法向${r.court}提起行政诉讼。` +
		'申请行政复议或者提起行政诉讼期间，本决定不停止执行，法律另有规定的除外。'
	);
}
