import { describe, expect, it } from 'vitest';
import {
	ORDER_COLUMNS,
	mapHeaders,
	canonicalOrder,
	parseOrderTime,
	validateOrderRecord,
	type OrderColumnKey,
	type OrderErrorCode,
	type OrderInput,
	type OrderValidationContext
} from './hotline-order-input';
import { headerKey } from './hotline-order-columns';
import type { Limit } from './deadlines';
import { categoriesData } from './fixtures/categories';
import { gumeiGeo } from './fixtures/gumei-geo';

/** Asia/Shanghai wall time 'YYYY-MM-DD HH:mm[:ss]', explicit +08:00. */
const at = (s: string): number => Date.parse(`${s.replace(' ', 'T')}${s.length === 16 ? ':00' : ''}+08:00`);
const NOW = at('2026-09-29 10:00');

const communityNames = gumeiGeo.features.filter((f) => f.properties.kind === 'community').map((f) => f.properties.name);
const ctx: OrderValidationContext = {
	now: NOW,
	orderTypes: categoriesData.hotlineOrderTypes.map((t) => ({ type: t.type, code: t.code, limit: t.limit as Limit })),
	categoryCodes: new Set(categoriesData.categories.map((c) => c.code)),
	communities: new Map(communityNames.map((name, i) => [name, i + 1]))
};
const GUMEI_1 = communityNames.indexOf('古美一村') + 1;

type Raw = Partial<Record<OrderColumnKey, string>>;
const FULL: Raw = {
	orderNo: 'GM20260929-0001',
	channel: '12345热线',
	orderType: '投诉',
	urgency: '紧急',
	citizenName: '张三',
	phone: '+86 138 1234 5678',
	address: '古美路 1000 弄 3 号',
	lng: '121.3912',
	lat: '31.1523',
	content: '楼道堆物，影响消防通道',
	receivedAt: '2026-09-29 09:15',
	categoryCode: 'SH-HWSR-01',
	community: '古美一村'
};
const MINIMAL: Raw = { orderNo: '2309280001', channel: 'APP', orderType: '咨询', address: '平南路', content: '咨询办事时间', receivedAt: '2026/9/29 9:05' };

function valid(raw: Raw): OrderInput {
	const r = validateOrderRecord(raw, ctx);
	if (!r.ok) throw new Error(`expected valid, got ${JSON.stringify(r.errors)}`);
	return r.order;
}
const errorsOf = (raw: Raw) => {
	const r = validateOrderRecord(raw, ctx);
	return r.ok ? [] : r.errors;
};

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
		const o = valid({ ...MINIMAL, channel: '渠'.repeat(20), citizenName: '名'.repeat(50), address: '址'.repeat(200), content: '😀'.repeat(4000) });
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
		['unknown 类别编码', { ...FULL, categoryCode: 'SH-XXXX-99' }, 'categoryCode', 'unknown_category'],
		['unknown 居民区', { ...FULL, community: '古美二村' }, 'community', 'unknown_community']
	];
	const TABLE = ROWS.map(([label, raw, column, code]) => [label, column, code, raw] as const);
	it.each(TABLE)('%s → %s %s', (_label, column, code, raw) => {
		expect(errorsOf(raw)).toStrictEqual([{ column, code }]);
	});

	it('reports every problem of a record at once, one per column', () => {
		const errors = errorsOf({ orderType: '表扬', phone: 'x', receivedAt: '2026-02-30 10:00', lng: '500' });
		expect(errors).toStrictEqual([
			{ column: 'orderNo', code: 'required' },
			{ column: 'channel', code: 'required' },
			{ column: 'orderType', code: 'unknown_order_type' },
			{ column: 'phone', code: 'invalid_phone' },
			{ column: 'address', code: 'required' },
			{ column: 'lng', code: 'invalid_point' },
			{ column: 'lat', code: 'invalid_point' },
			{ column: 'content', code: 'required' },
			{ column: 'receivedAt', code: 'invalid_date' }
		]);
	});
});

describe('parseOrderTime', () => {
	const TABLE: ReadonlyArray<readonly [string, number | null]> = [
		['2026-09-29 09:15', at('2026-09-29 09:15')],
		['2026-09-29 09:15:30', at('2026-09-29 09:15:30')],
		['2026/09/29 09:15', at('2026-09-29 09:15')],
		['2026/9/3 9:05', at('2026-09-03 09:05')],
		['2026-09-29T09:15', at('2026-09-29 09:15')],
		['2026-09-29T09:15:00+08:00', at('2026-09-29 09:15')],
		['2026-09-29T01:15:00Z', at('2026-09-29 09:15')],
		['2026-09-29T01:15:00.5Z', at('2026-09-29 09:15') + 500],
		['2026-09-28T20:15:00-05:00', at('2026-09-29 09:15')],
		['2026-09-29 09:15 +0800', at('2026-09-29 09:15')],
		['2024-02-29 12:00', at('2024-02-29 12:00')],
		['2026-02-29 12:00', null],
		['2026-04-31 12:00', null],
		['2026-09-29 9:5', null],
		['', null]
	];
	it.each(TABLE)('%j', (s, expected) => {
		expect(parseOrderTime(s)).toBe(expected);
	});
});

describe('mapHeaders', () => {
	const EXPORT_HEADERS = ORDER_COLUMNS.map((c) => c.header);

	it('maps the export headers to their positions', () => {
		const r = mapHeaders(EXPORT_HEADERS);
		expect(r.ok).toBe(true);
		if (r.ok) for (const [i, c] of ORDER_COLUMNS.entries()) expect(r.index[c.key]).toBe(i);
	});

	it('strips a UTF-8 BOM and spaces, and the template’s required marker', () => {
		const r = mapHeaders(['\uFEFF工单号', ' 来源渠道 ', '诉求类型*', '地址', '诉求内容', '派单时间']);
		expect(r).toMatchObject({ ok: true, index: { orderNo: 0, channel: 1, orderType: 2, address: 3, content: 4, receivedAt: 5 } });
	});

	it('accepts aliases: other Chinese names, English in any case and spelling', () => {
		const r = mapHeaders(['ORDER_NO', 'Source', '工单类型', '事发地址', 'Description', 'received at', '手机号', 'Longitude', 'LAT', '所属居民区', 'category_code']);
		expect(r).toStrictEqual({
			ok: true,
			index: {
				orderNo: 0,
				channel: 1,
				orderType: 2,
				urgency: -1,
				citizenName: -1,
				phone: 6,
				address: 3,
				lng: 7,
				lat: 8,
				content: 4,
				receivedAt: 5,
				categoryCode: 10,
				community: 9
			}
		});
	});

	it('ignores unknown and empty trailing columns when everything required is there', () => {
		const r = mapHeaders([...EXPORT_HEADERS, '备注', '', '  ']);
		expect(r.ok).toBe(true);
	});

	it('names the missing required columns by their export header, and the unknown ones', () => {
		expect(mapHeaders(['工单号', '来源渠道', '诉求类别', '地址', '内容', '时间'])).toStrictEqual({
			ok: false,
			missing: ['诉求类型', '派单时间'],
			unknown: ['诉求类别', '时间']
		});
		expect(mapHeaders([])).toStrictEqual({ ok: false, missing: ORDER_COLUMNS.filter((c) => c.required).map((c) => c.header) });
	});

	it('refuses two columns that mean the same field', () => {
		expect(mapHeaders([...EXPORT_HEADERS, '工单编号'])).toStrictEqual({ ok: false, missing: [], duplicate: ['工单编号'] });
	});

	it('no header or alias names two different columns', () => {
		const seen = new Map<string, OrderColumnKey>();
		for (const c of ORDER_COLUMNS) {
			for (const h of [c.header, c.key, ...c.aliases]) {
				const k = headerKey(h);
				expect(seen.get(k) ?? c.key, `${h} is claimed twice`).toBe(c.key);
				seen.set(k, c.key);
			}
		}
	});
});

describe('canonicalOrder', () => {
	const order = valid(FULL);

	it('is stable for the same order, whatever the key order', () => {
		const reordered = Object.fromEntries(Object.entries(order).reverse()) as unknown as OrderInput;
		expect(canonicalOrder(reordered)).toBe(canonicalOrder(order));
		expect(canonicalOrder(valid({ ...FULL, phone: '13812345678' }))).toBe(canonicalOrder(order)); // same after normalising
	});

	it('is JSON of every field with sorted keys', () => {
		const parsed = JSON.parse(canonicalOrder(order)) as Record<string, unknown>;
		expect(Object.keys(parsed)).toEqual(Object.keys(order).sort());
		expect(parsed).toEqual(order);
	});

	it.each([
		['content', { content: '楼道堆物已清' }],
		['receivedAt', { receivedAt: '2026-09-29 09:16' }],
		['phone', { phone: '13900000000' }],
		['urgency', { urgency: '一般' }],
		['orderType', { orderType: '求助' }],
		['community', { community: '古美三村' }]
	] as const)('changes when %s changes', (_label, change) => {
		expect(canonicalOrder(valid({ ...FULL, ...change }))).not.toBe(canonicalOrder(order));
	});
});
