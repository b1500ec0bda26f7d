// Reading the single fields of a 12345 order: 派单时间, 诉求类型, 紧急程度, coordinates and lengths.
import { ORDER_URGENCIES, type OrderUrgency } from './hotline-status';
import type { OrderColumnKey } from './hotline-order-columns';
import type { OrderErrorCode, OrderTypeRef } from './hotline-order-input';
import { cleanText } from './clean-text';
import type { LngLat } from './geo';
import { indexedPointInPolygon } from './polygon-index';
import { isOneOf } from './one-of';

/** A 派单时间 a little ahead of our clock is clock skew between platforms, not the future. */
const FUTURE_TOLERANCE_MS = 5 * 60_000;
const SHANGHAI_OFFSET_MS = 8 * 3_600_000;
const URGENCY_WORDS: Readonly<Record<string, OrderUrgency>> = {
	普通: '一般',
	normal: '一般',
	特急: '紧急',
	加急: '紧急',
	urgent: '紧急'
};
const DATE_TIME =
	/^(\d{4})([-/])(\d{1,2})\2(\d{1,2})[ T](\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const daysInMonth = (y: number, mo: number) =>
	mo === 2 && y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : MONTH_DAYS[mo - 1];

/**
 * 派单时间 as 'YYYY-MM-DD HH:mm[:ss]', 'YYYY/MM/DD HH:mm[:ss]' (month, day and hour may have one
 * digit, as Excel writes them) or ISO 8601; Asia/Shanghai unless an offset is given. Null for
 * impossible dates (2026-02-30, 24:00) and, as a GridCase rule, years before 2000 (Excel's zero date).
 */
export function parseOrderTime(s: string): number | null {
	const m = DATE_TIME.exec(s.trim());
	if (!m) return null;
	const [y, mo, d, h, mi] = [+m[1], +m[3], +m[4], +m[5], +m[6]];
	const sec = m[7] === undefined ? 0 : +m[7];
	if (y < 2000 || mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59 || sec > 59) return null;
	if (d > daysInMonth(y, mo)) return null;
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
function orderTypeLookup(types: readonly OrderTypeRef[]): Map<string, OrderTypeRef> {
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

function parseCoordinate(v: string, limit: number): number | null {
	if (!/^[+-]?\d{1,3}(\.\d+)?$/.test(v)) return null;
	const n = Number(v);
	return Math.abs(n) <= limit ? n : null;
}

/** One record's columns as text, and its problems as they are found: one per column. */
export interface FieldReader {
	text(k: OrderColumnKey): string;
	/** Records the problem and stands in for the value: null. */
	fail(k: OrderColumnKey, code: OrderErrorCode): null;
}

export function fieldReader(
	raw: Partial<Record<OrderColumnKey, string>>,
	onProblem: (column: OrderColumnKey, code: OrderErrorCode) => void
): FieldReader {
	return {
		// The JSON API may send numbers (经度/纬度); everything else arrives as text.
		text(k) {
			const v: unknown = raw[k];
			if (typeof v === 'number' && Number.isFinite(v)) return String(v);
			return typeof v === 'string' ? cleanText(v.normalize('NFC')).trim() : '';
		},
		fail(k, code) {
			onProblem(k, code);
			return null;
		}
	};
}

export function readOrderType(r: FieldReader, orderTypes: readonly OrderTypeRef[]): OrderTypeRef | null {
	const typeText = r.text('orderType').normalize('NFKC');
	if (typeText === '') return r.fail('orderType', 'required');
	const types = orderTypeLookup(orderTypes);
	return types.get(typeText) ?? types.get(typeText.toLowerCase()) ?? r.fail('orderType', 'unknown_order_type');
}

/** 一般 when left out; the city's other words for the two levels are understood. */
export function readUrgency(r: FieldReader): OrderUrgency | null {
	const t = r.text('urgency');
	if (t === '') return '一般';
	return isOneOf(ORDER_URGENCIES, t) ? t : (URGENCY_WORDS[t.toLowerCase()] ?? r.fail('urgency', 'invalid'));
}

/** A point is both coordinates or neither, inside the subdistrict; (0, 0) is a spreadsheet placeholder, not a place. */
export function readPoint(r: FieldReader, boundary: readonly unknown[]): { lng: number | null; lat: number | null } {
	const [lngText, latText] = [r.text('lng'), r.text('lat')];
	if (lngText === '' && latText === '') return { lng: null, lat: null };
	const lng = lngText === '' ? null : parseCoordinate(lngText, 180);
	const lat = latText === '' ? null : parseCoordinate(latText, 90);
	if (lng === null) r.fail('lng', 'invalid_point');
	if (lat === null) r.fail('lat', 'invalid_point');
	if (lng === 0 && lat === 0) r.fail('lng', 'invalid_point');
	else if (
		lng !== null &&
		lat !== null &&
		boundary.length > 0 &&
		!indexedPointInPolygon([lng, lat], boundary as LngLat[][])
	)
		r.fail('lng', 'outside_subdistrict');
	return { lng, lat };
}

/** 派单时间: required, a real moment, and not ahead of our clock by more than skew. */
export function readReceivedAt(r: FieldReader, now: number): number | null {
	const t = r.text('receivedAt');
	if (t === '') return r.fail('receivedAt', 'required');
	const at = parseOrderTime(t);
	if (at === null) return r.fail('receivedAt', 'invalid_date');
	return at > now + FUTURE_TOLERANCE_MS ? r.fail('receivedAt', 'in_future') : at;
}

/** Codes are upper case ('SH-HWSR-01'); a lower-case spelling from a hand-made sheet still matches. */
export function readCategoryCode(r: FieldReader, codes: ReadonlySet<string>): string | null {
	const t = r.text('categoryCode');
	if (t === '') return null;
	const code = codes.has(t) ? t : t.toUpperCase();
	return codes.has(code) ? code : r.fail('categoryCode', 'unknown_category');
}
