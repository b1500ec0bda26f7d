import { describe, expect, it } from 'vitest';
import type { OrderColumnKey, OrderErrorCode, OrderInput } from './hotline-order-input';
import { at, ctx, errorsOf, FULL, GUMEI_1, MINIMAL, NOW, valid, type Raw } from './hotline-order-input.fixtures';
import { validateOrderRecord } from './hotline-order-input';
import { errorsIn } from './fixtures/errors';

// validateOrderRecord: what a valid record becomes, and each error code. Times, headers and the canonical form:
// hotline-order-input.parsing.test.ts.

describe('validateOrderRecord: valid orders', () => {
	it('a full record is typed and normalised', () => {
		expect(valid(FULL)).toStrictEqual({
			orderNo: 'GM20260929-0001',
			channel: '12345热线',
			orderTypeCode: 'complaint',
			orderLimit: { value: 5, unit: 'wd' },
			urgency: '紧急',
			citizenName: '张三',
			phone: '13812345678',
			address: '古美路 1000 弄 3 号',
			lng: 121.3912,
			lat: 31.1523,
			content: '楼道堆物，影响消防通道',
			receivedAt: at('2026-09-29 09:15'),
			categoryCode: 'SH-HWSR-01',
			communityId: GUMEI_1
		} satisfies OrderInput);
	});

	it('a minimal record gets the defaults', () => {
		expect(valid(MINIMAL)).toMatchObject({
			orderTypeCode: 'consult',
			orderLimit: { value: 1, unit: 'wd' },
			urgency: '一般',
			citizenName: null,
			phone: null,
			lng: null,
			lat: null,
			categoryCode: null,
			communityId: null,
			receivedAt: at('2026-09-29 09:05')
		});
	});

	it('surrounding spaces are trimmed and blank optional values are absent', () => {
		const o = valid({ ...MINIMAL, orderNo: ' 2309280001\t', citizenName: '  ', phone: '', lng: ' ', lat: '' });
		expect(o).toMatchObject({ orderNo: '2309280001', citizenName: null, phone: null, lng: null, lat: null });
	});

	const TYPES: ReadonlyArray<readonly [string, string]> = [
		['咨询', 'consult'],
		['建议', 'suggest'],
		['求助', 'help'],
		['投诉', 'complaint'],
		['督办/回访复核', 'supervise-revisit'],
		['督办', 'supervise-revisit'],
		['督办件', 'supervise-revisit'],
		['回访复核', 'supervise-revisit'],
		['复杂事项', 'complex'],
		['complaint', 'complaint'],
		['COMPLEX', 'complex']
	];
	it.each(TYPES)('诉求类型 %j → %s', (orderType, code) => {
		expect(valid({ ...MINIMAL, orderType }).orderTypeCode).toBe(code);
	});

	it.each([
		['一般', '一般'],
		['紧急', '紧急'],
		['', '一般'],
		['urgent', '紧急'],
		['Normal', '一般']
	] as const)('紧急程度 %j → %s', (urgency, expected) => {
		expect(valid({ ...MINIMAL, urgency }).urgency).toBe(expected);
	});

	it('a lower-case category code matches the canonical one', () => {
		expect(valid({ ...MINIMAL, categoryCode: 'sh-hwsr-01' }).categoryCode).toBe('SH-HWSR-01');
	});

	it('values at the length limits are accepted (characters, not UTF-16 units)', () => {
		const o = valid({
			...MINIMAL,
			channel: '渠'.repeat(20),
			citizenName: '名'.repeat(50),
			address: '址'.repeat(200),
			content: '😀'.repeat(4000)
		});
		expect(Array.from(o.content)).toHaveLength(4000);
	});

	it('numbers from the JSON API are accepted for 经度/纬度', () => {
		const raw = { ...MINIMAL, lng: 121.39, lat: 31.15 } as unknown as Raw;
		expect(valid(raw)).toMatchObject({ lng: 121.39, lat: 31.15 });
	});

	it('a 派单时间 up to 5 minutes ahead of our clock is clock skew, accepted', () => {
		expect(valid({ ...MINIMAL, receivedAt: '2026-09-29 10:05' }).receivedAt).toBe(NOW + 5 * 60_000);
	});
});

describe('validateOrderRecord: each error code', () => {
	const ROWS: ReadonlyArray<readonly [string, Raw, OrderColumnKey, OrderErrorCode]> = [
		['no 工单号', { ...FULL, orderNo: undefined }, 'orderNo', 'required'],
		['blank 工单号', { ...FULL, orderNo: '   ' }, 'orderNo', 'required'],
		['no 来源渠道', { ...FULL, channel: '' }, 'channel', 'required'],
		['no 诉求类型', { ...FULL, orderType: '' }, 'orderType', 'required'],
		['no 地址', { ...FULL, address: '' }, 'address', 'required'],
		['no 诉求内容', { ...FULL, content: ' ' }, 'content', 'required'],
		['no 派单时间', { ...FULL, receivedAt: '' }, 'receivedAt', 'required'],
		['工单号 of 65 characters', { ...FULL, orderNo: 'A'.repeat(65) }, 'orderNo', 'too_long'],
		['来源渠道 of 21 characters', { ...FULL, channel: '渠'.repeat(21) }, 'channel', 'too_long'],
		['诉求人 of 51 characters', { ...FULL, citizenName: '名'.repeat(51) }, 'citizenName', 'too_long'],
		['地址 of 201 characters', { ...FULL, address: '址'.repeat(201) }, 'address', 'too_long'],
		['诉求内容 of 4001 characters', { ...FULL, content: '字'.repeat(4001) }, 'content', 'too_long'],
		['工单号 with a space inside', { ...FULL, orderNo: 'GM 0001' }, 'orderNo', 'invalid'],
		['unknown 紧急程度', { ...FULL, urgency: '很急' }, 'urgency', 'invalid'],
		['unknown 诉求类型', { ...FULL, orderType: '表扬' }, 'orderType', 'unknown_order_type'],
		['two types in one', { ...FULL, orderType: '咨询投诉' }, 'orderType', 'unknown_order_type'],
		['a phone that is not one', { ...FULL, phone: '12345' }, 'phone', 'invalid_phone'],
		['a 10-digit mobile', { ...FULL, phone: '1381234567' }, 'phone', 'invalid_phone'],
		['2026-02-30 10:00', { ...FULL, receivedAt: '2026-02-30 10:00' }, 'receivedAt', 'invalid_date'],
		['2026-13-01 10:00', { ...FULL, receivedAt: '2026-13-01 10:00' }, 'receivedAt', 'invalid_date'],
		['24:00', { ...FULL, receivedAt: '2026-09-28 24:00' }, 'receivedAt', 'invalid_date'],
		['10:60', { ...FULL, receivedAt: '2026-09-28 10:60' }, 'receivedAt', 'invalid_date'],
		['a date without a time', { ...FULL, receivedAt: '2026-09-28' }, 'receivedAt', 'invalid_date'],
		['day-first order', { ...FULL, receivedAt: '28/09/2026 10:00' }, 'receivedAt', 'invalid_date'],
		['mixed separators', { ...FULL, receivedAt: '2026-09/28 10:00' }, 'receivedAt', 'invalid_date'],
		['words', { ...FULL, receivedAt: '昨天下午' }, 'receivedAt', 'invalid_date'],
		['Excel’s zero date', { ...FULL, receivedAt: '1900-01-00 00:00' }, 'receivedAt', 'invalid_date'],
		['a year before 2000', { ...FULL, receivedAt: '1999-12-31 23:59' }, 'receivedAt', 'invalid_date'],
		['an impossible offset', { ...FULL, receivedAt: '2026-09-28T10:00:00+15:00' }, 'receivedAt', 'invalid_date'],
		['5 min and 1 s ahead', { ...FULL, receivedAt: '2026-09-29 10:05:01' }, 'receivedAt', 'in_future'],
		['next year', { ...FULL, receivedAt: '2027-01-01 00:00' }, 'receivedAt', 'in_future'],
		['ISO UTC 02:06Z = 10:06 Shanghai', { ...FULL, receivedAt: '2026-09-29T02:06:00Z' }, 'receivedAt', 'in_future'],
		['经度 without 纬度', { ...FULL, lat: '' }, 'lat', 'invalid_point'],
		['纬度 without 经度', { ...FULL, lng: '' }, 'lng', 'invalid_point'],
		['经度 that is not a number', { ...FULL, lng: 'abc' }, 'lng', 'invalid_point'],
		['经度 with a decimal comma', { ...FULL, lng: '121,39' }, 'lng', 'invalid_point'],
		['经度 181', { ...FULL, lng: '181' }, 'lng', 'invalid_point'],
		['纬度 -90.5', { ...FULL, lat: '-90.5' }, 'lat', 'invalid_point'],
		['the (0, 0) placeholder', { ...FULL, lng: '0', lat: '0' }, 'lng', 'invalid_point'],
		['a point in 外滩, outside 古美路街道', { ...FULL, lng: '121.4903', lat: '31.2397' }, 'lng', 'outside_subdistrict'],
		['unknown 类别编码', { ...FULL, categoryCode: 'SH-XXXX-99' }, 'categoryCode', 'unknown_category'],
		['unknown 居民区', { ...FULL, community: '古美二村' }, 'community', 'unknown_community']
	];
	const TABLE = ROWS.map(([label, raw, column, code]) => [label, column, code, raw] as const);
	it.each(TABLE)('%s → %s %s', (_label, column, code, raw) => {
		expect(errorsOf(raw)).toStrictEqual([{ column, code }]);
	});

	it('removes control characters and bidi overrides from every text (a 工单号 with a NUL is the same order)', () => {
		const r = validateOrderRecord(
			{
				...FULL,
				orderNo: 'GM20260929-0001\u0000',
				address: '古美路\u202E1000 弄\u001b[2J',
				content: '楼道堆物\n\u0007影响消防通道'
			},
			ctx
		);
		expect(r.ok && [r.order.orderNo, r.order.address, r.order.content]).toStrictEqual([
			'GM20260929-0001',
			'古美路1000 弄[2J',
			'楼道堆物\n影响消防通道'
		]);
	});

	it('reports every problem of a record at once, one per column', () => {
		const errors = errorsOf({ orderType: '表扬', phone: 'x', receivedAt: '2026-02-30 10:00', lng: '500' });
		expect(errors).toStrictEqual(
			errorsIn('column', {
				orderNo: 'required',
				channel: 'required',
				orderType: 'unknown_order_type',
				phone: 'invalid_phone',
				address: 'required',
				lng: 'invalid_point',
				lat: 'invalid_point',
				content: 'required',
				receivedAt: 'invalid_date'
			})
		);
	});
});
