// Validating one 12345 order as it arrives: CSV/XLSX import, the JSON API and manual entry alike.
import type { Limit } from './deadlines';
import type { PlaceName } from './community-names';
import { findCommunity, orderTiming } from './hotline-order-derived';
import type { WorkCalendar } from './working-days';
import type { OrderUrgency } from './hotline-status';
import type { OrderColumnKey } from './hotline-order-columns';
import { normalizePhone } from './personal-data';
import type { LngLat } from './geo';

import {
	fieldReader,
	readCategoryCode,
	readOrderType,
	readPoint,
	readReceivedAt,
	readUrgency,
	tooLong
} from './hotline-order-fields';

export { parseOrderTime } from './hotline-order-fields';
export {
	ORDER_COLUMNS,
	ORDER_COLUMN_KEYS,
	mapHeaders,
	type OrderColumn,
	type OrderColumnKey,
	type HeaderMapping
} from './hotline-order-columns';

/** A valid order, typed and normalised, ready to store. */
export interface OrderInput {
	orderNo: string; // 工单号
	channel: string; // 来源渠道
	orderTypeCode: string; // 诉求类型 (hotlineOrderTypes code)
	orderLimit: Limit;
	urgency: OrderUrgency;
	citizenName: string | null; // 诉求人 (personal data)
	phone: string | null; // 联系电话, normalised (personal data)
	address: string;
	lng: number | null;
	lat: number | null;
	content: string; // 诉求内容
	receivedAt: number; // 派单时间, ms UTC
	categoryCode: string | null;
	communityId: number | null; // 居民区
	/** 截止时间 the city set (or read from its 办理时限); absent or null: counted from orderLimit. */
	dueAt?: number | null;
}

export type OrderErrorCode =
	| 'required'
	| 'too_long'
	| 'unknown_order_type'
	| 'invalid_phone'
	| 'invalid_date'
	| 'in_future'
	| 'invalid_point'
	| 'outside_subdistrict'
	| 'unknown_category'
	| 'unknown_community'
	| 'due_before_received'
	| 'invalid';

export interface OrderError {
	column: OrderColumnKey;
	code: OrderErrorCode;
}

/**
 * What a valid row did not take as written, for the preview (not an error):
 * - limit_from_file: the city's 办理时限/截止时间 gives another deadline than the 诉求类型's default;
 * - limit_unreadable: the 办理时限 could not be read ('尽快'): the default applies;
 * - community_from_point / community_from_address: the 居民区 was found from the point or the address;
 * - community_pending: no 居民区 could be found: 待定, for the dispatcher to set.
 */
export type OrderNoteCode =
	'limit_from_file' | 'limit_unreadable' | 'community_from_point' | 'community_from_address' | 'community_pending';

export interface OrderNote {
	column: OrderColumnKey;
	code: OrderNoteCode;
	params?: Record<string, string>;
}

export interface OrderTypeRef {
	type: string;
	code: string;
	limit: Limit;
}

export interface OrderValidationContext {
	now: number;
	orderTypes: readonly OrderTypeRef[];
	categoryCodes: ReadonlySet<string>;
	/** 居民区 name → id. */
	communities: ReadonlyMap<string, number>;
	/** The subdistrict's outline in force (WGS-84 rings); a point must lie inside it. Empty: not checked. */
	boundary: readonly LngLat[][];
	/** For the deadline a 办理时限 gives and the preview's comparison with the default. Absent: deadlines are not compared. */
	calendar?: WorkCalendar;
	/** The 居民区 a point lies in (null outside any); absent: a point does not decide the 居民区. */
	locateCommunity?: (pt: LngLat) => number | null;
	/** Road and 小区 names per 居民区, to find the 居民区 an address names. */
	placeNames?: readonly PlaceName[];
}

export type OrderValidation = { ok: true; order: OrderInput; notes: OrderNote[] } | { ok: false; errors: OrderError[] };

const MAX = { orderNo: 64, channel: 20, citizenName: 50, address: 200, content: 4000 } as const;

/** Checks every column of one order and reports all problems at once, one per column. */
export function validateOrderRecord(
	raw: Partial<Record<OrderColumnKey, string>>,
	ctx: OrderValidationContext
): OrderValidation {
	const errors: OrderError[] = [];
	const r = fieldReader(raw, (column, code) => errors.push({ column, code }));
	const { text, fail } = r;
	const required = (k: keyof typeof MAX): string | null => {
		const v = text(k);
		if (v === '') return fail(k, 'required');
		return tooLong(v, MAX[k]) ? fail(k, 'too_long') : v;
	};
	const optional = (k: 'citizenName' | 'phone', read: (v: string) => string | null): string | null => {
		const v = text(k);
		return v === '' ? null : read(v);
	};

	let orderNo = required('orderNo');
	// A 工单号 is one token: no spaces or control characters inside.
	if (orderNo !== null && /[\s\p{Cc}]/u.test(orderNo)) orderNo = fail('orderNo', 'invalid');
	const channel = required('channel');
	const orderType = readOrderType(r, ctx.orderTypes);
	const urgency = readUrgency(r);
	const citizenName = optional('citizenName', (v) =>
		tooLong(v, MAX.citizenName) ? fail('citizenName', 'too_long') : v
	);
	const phone = optional('phone', (v) => normalizePhone(v) ?? fail('phone', 'invalid_phone'));
	const address = required('address');
	const { lng, lat } = readPoint(r, ctx.boundary);
	const content = required('content');
	const receivedAt = readReceivedAt(r, ctx.now);
	const categoryCode = readCategoryCode(r, ctx.categoryCodes);
	const communityText = text('community');
	const communityId =
		communityText === '' ? null : (ctx.communities.get(communityText) ?? fail('community', 'unknown_community'));

	const notes: OrderNote[] = [];
	const timing = orderTiming(text('timeLimit'), text('dueAt'), orderType, receivedAt, ctx.calendar, fail, notes);

	if (errors.length > 0) return { ok: false, errors };
	const place = communityText === '' ? findCommunity(address!, lng, lat, ctx, notes) : communityId;
	return {
		ok: true,
		notes,
		order: {
			orderNo: orderNo!,
			channel: channel!,
			orderTypeCode: orderType!.code,
			orderLimit: timing.limit,
			urgency: urgency!,
			citizenName,
			phone,
			address: address!,
			lng,
			lat,
			content: content!,
			receivedAt: receivedAt!,
			categoryCode,
			communityId: place,
			...(timing.dueAt === null ? {} : { dueAt: timing.dueAt })
		}
	};
}

/**
 * Every field as JSON with its keys in a fixed (sorted) order: equal for the same order pushed
 * again, different once anything changed. The server stores a hash of it (the fingerprint).
 */
export function canonicalOrder(o: OrderInput): string {
	const fields: Record<string, unknown> = {
		address: o.address,
		categoryCode: o.categoryCode,
		channel: o.channel,
		citizenName: o.citizenName,
		communityId: o.communityId,
		content: o.content,
		lat: o.lat,
		lng: o.lng,
		orderLimit: { unit: o.orderLimit.unit, value: o.orderLimit.value },
		orderNo: o.orderNo,
		orderTypeCode: o.orderTypeCode,
		phone: o.phone,
		receivedAt: o.receivedAt,
		urgency: o.urgency
	};
	// Only when set, so orders stored before 截止时间 was read keep their fingerprints. (Added after
	// the others, not spread in: the same text, at a fraction of the cost for 100,000 imported rows.)
	if (o.dueAt != null) fields.dueAt = o.dueAt;
	return JSON.stringify(fields);
}
