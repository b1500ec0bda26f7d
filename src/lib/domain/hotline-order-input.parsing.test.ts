import { describe, expect, it } from 'vitest';
import {
	ORDER_COLUMNS,
	mapHeaders,
	canonicalOrder,
	parseOrderTime,
	type OrderColumnKey,
	type OrderInput
} from './hotline-order-input';
import { headerKey } from './hotline-order-columns';
import { at, FULL, valid } from './hotline-order-input.fixtures';

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
		expect(r).toMatchObject({
			ok: true,
			index: { orderNo: 0, channel: 1, orderType: 2, address: 3, content: 4, receivedAt: 5 }
		});
	});

	it('accepts aliases: other Chinese names, English in any case and spelling', () => {
		const r = mapHeaders([
			'ORDER_NO',
			'Source',
			'工单类型',
			'事发地址',
			'Description',
			'received at',
			'手机号',
			'Longitude',
			'LAT',
			'所属居民区',
			'category_code'
		]);
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
				community: 9,
				timeLimit: -1,
				dueAt: -1
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
		expect(mapHeaders([])).toStrictEqual({
			ok: false,
			missing: ORDER_COLUMNS.filter((c) => c.required).map((c) => c.header)
		});
	});

	it('refuses two columns that mean the same field', () => {
		expect(mapHeaders([...EXPORT_HEADERS, '工单编号'])).toStrictEqual({
			ok: false,
			missing: [],
			duplicate: ['工单编号']
		});
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
