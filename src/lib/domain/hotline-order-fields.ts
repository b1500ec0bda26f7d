// Reading the single fields of a 12345 order: 派单时间, 诉求类型, 紧急程度, coordinates and lengths.
import type { OrderUrgency } from './hotline-status';
import type { OrderTypeRef } from './hotline-order-input';

/** A 派单时间 a little ahead of our clock is clock skew between platforms, not the future. */
export const FUTURE_TOLERANCE_MS = 5 * 60_000;
const SHANGHAI_OFFSET_MS = 8 * 3_600_000;
export const URGENCY_WORDS: Readonly<Record<string, OrderUrgency>> = {
	普通: '一般',
	normal: '一般',
	特急: '紧急',
	加急: '紧急',
	urgent: '紧急'
};
const DATE_TIME =
	/^(\d{4})([-/])(\d{1,2})\2(\d{1,2})[ T](\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;

/**
 * 派单时间 as 'YYYY-MM-DD HH:mm[:ss]', 'YYYY/MM/DD HH:mm[:ss]' (month, day and hour may have one
 * digit, as Excel writes them) or ISO 8601; Asia/Shanghai unless an offset is given. Null for
 * impossible dates (2026-02-30, 24:00) and, as a GridCase rule, years before 2000 (Excel's zero date).
 */
export function parseOrderTime(s: string): number | null {
	const m = DATE_TIME.exec(s.trim());
	if (!m) return null;
	const [y, mo, d, h, mi, sec] = [m[1], m[3], m[4], m[5], m[6], m[7]].map((x) => Number(x ?? 0));
	if (y < 2000 || mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59 || sec > 59) return null;
	if (d > new Date(Date.UTC(y, mo, 0)).getUTCDate()) return null; // day 0 of the next month = this month's last day
	let offset = SHANGHAI_OFFSET_MS;
	if (m[9] && m[9].toUpperCase() !== 'Z') {
		const o = /^([+-])(\d{2}):?(\d{2})$/.exec(m[9])!;
		if (Number(o[2]) > 14 || Number(o[3]) > 59) return null;
		offset = (o[1] === '-' ? -1 : 1) * (Number(o[2]) * 60 + Number(o[3])) * 60_000;
	} else if (m[9]) offset = 0;
	const ms = m[8] ? Number(m[8].padEnd(3, '0')) : 0;
	return Date.UTC(y, mo - 1, d, h, mi, sec, ms) - offset;
}

const typeCache = new WeakMap<readonly OrderTypeRef[], Map<string, OrderTypeRef>>();

/** 诉求类型 by label, code, or a part of a combined label ('督办/回访复核' → '督办', '督办件', '回访复核'). */
export function orderTypeLookup(types: readonly OrderTypeRef[]): Map<string, OrderTypeRef> {
	let map = typeCache.get(types);
	if (map) return map;
	map = new Map();
	for (const t of types) {
		map.set(t.type, t);
		map.set(t.code.toLowerCase(), t);
		for (const part of t.type.split('/')) {
			if (!map.has(part)) map.set(part, t);
			if (!map.has(`${part}件`)) map.set(`${part}件`, t);
		}
	}
	typeCache.set(types, map);
	return map;
}

/** Code points, so one Chinese character (or emoji) counts once; cheap for the common short value. */
export const tooLong = (v: string, max: number) => v.length > max && Array.from(v).length > max;

export function parseCoordinate(v: string, limit: number): number | null {
	if (!/^[+-]?\d{1,3}(\.\d+)?$/.test(v)) return null;
	const n = Number(v);
	return Math.abs(n) <= limit ? n : null;
}
