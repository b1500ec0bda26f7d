// The city's 办理时限 and 截止时间 as a 12345 export writes them, read into a limit or a deadline.
import type { Limit } from './deadlines';

/** 办理时限 read: a duration ('15个工作日', '24小时', '2天'), an instant ('2026-12-01 17:00'), or neither ('尽快'). */
export type TimeLimitReading = { kind: 'limit'; limit: Limit } | { kind: 'due'; at: number } | { kind: 'unreadable' };

const SHANGHAI_OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;
/** Longer than any 12345 limit (复杂事项 15 wd; 延期 at most 15 wd in all): a typo, not a limit (GridCase rule). */
const MAX_LIMIT: Readonly<Record<Limit['unit'], number>> = { wd: 60, wh: 480, h24: 60 * 24 };

const DIGITS: Readonly<Record<string, number>> = {
	零: 0,
	一: 1,
	二: 2,
	两: 2,
	三: 3,
	四: 4,
	五: 5,
	六: 6,
	七: 7,
	八: 8,
	九: 9
};

/** '15', '1.5', '十五', '二十', '两' → a number; anything else null. */
function readNumber(s: string): number | null {
	if (/^\d+(\.\d+)?$/.test(s)) return Number(s);
	const m = /^([一二两三四五六七八九])?(十)?([一二三四五六七八九])?$/.exec(s);
	if (!m || s === '') return null;
	if (!m[2]) return m[3] ? null : DIGITS[m[1]];
	return (m[1] ? DIGITS[m[1]] : 1) * 10 + (m[3] ? DIGITS[m[3]] : 0);
}

// Unit words as exports spell them; '天'/'日' alone are natural days (自然日), counted as 24 h each.
const UNITS: readonly [RegExp, Limit['unit'], number][] = [
	[/^(?:个)?工作日$/, 'wd', 1],
	[/^(?:个)?(?:工作小时|工作时)$/, 'wh', 1],
	[/^(?:个)?(?:小时|钟头|h|hours?)$/i, 'h24', 1],
	[/^(?:个)?(?:自然日|天|日|days?)$/i, 'h24', 24],
	[/^(?:wd|working ?days?)$/i, 'wd', 1]
];

/** A duration such as '15个工作日', '3 个工作日', '24小时', '2天', '十五个工作日'; null when it is none. */
export function parseLimitText(text: string): Limit | null {
	const t = text
		.normalize('NFKC')
		.replace(/\s+/g, '')
		.replace(/以内$|内$/, '');
	const m = /^(\d+(?:\.\d+)?|[零一二两三四五六七八九十]+)(.+)$/.exec(t);
	if (!m) return null;
	const n = readNumber(m[1]);
	if (n === null || n <= 0) return null;
	for (const [re, unit, factor] of UNITS) {
		if (!re.test(m[2])) continue;
		const value = n * factor;
		if (unit === 'wd' && !Number.isInteger(value)) return null;
		return value > MAX_LIMIT[unit] ? null : { value, unit };
	}
	return null;
}

const DUE = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:[ T]+(\d{1,2})[:：](\d{2})(?:[:：](\d{2}))?)?$/;

/**
 * A 截止时间 in Asia/Shanghai: 'YYYY-MM-DD HH:mm[:ss]' (or with '/', '.', 年月日). A date alone, '24:00'
 * and '23:59[:59]' all mean the end of that day, 24:00 — where a working-day limit ends too, so a
 * city deadline of '2026-12-10 23:59:59' and our '2026-12-10 24:00' are the same deadline (GridCase rule).
 */
export function parseDueText(text: string): number | null {
	const m = DUE.exec(text.normalize('NFKC').trim());
	if (!m) return null;
	const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
	if (y < 2000 || mo < 1 || mo > 12 || d < 1 || d > new Date(Date.UTC(y, mo, 0)).getUTCDate()) return null;
	const midnight = Date.UTC(y, mo - 1, d) - SHANGHAI_OFFSET_MS;
	if (m[4] === undefined) return midnight + DAY_MS;
	const [h, mi, s] = [Number(m[4]), Number(m[5]), Number(m[6] ?? 0)];
	if (h === 24 && mi === 0 && s === 0) return midnight + DAY_MS;
	if (h > 23 || mi > 59 || s > 59) return null;
	if (h === 23 && mi === 59) return midnight + DAY_MS;
	return midnight + ((h * 60 + mi) * 60 + s) * 1000;
}

/** What a 办理时限 cell says: a duration, or (as some platforms write it) the deadline itself. */
export function readTimeLimit(text: string): TimeLimitReading {
	const limit = parseLimitText(text);
	if (limit) return { kind: 'limit', limit };
	const at = parseDueText(text);
	return at === null ? { kind: 'unreadable' } : { kind: 'due', at };
}
