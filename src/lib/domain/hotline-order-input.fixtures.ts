import {
	validateOrderRecord,
	type OrderColumnKey,
	type OrderInput,
	type OrderValidationContext
} from './hotline-order-input';
import type { Limit } from './deadlines';
import { categoriesData } from './fixtures/categories';
import { gumeiGeo } from './fixtures/gumei-geo';

// Shared setup of the hotline-order-input.*.test.ts files: the validation context and a full and a minimal record.

/** Asia/Shanghai wall time 'YYYY-MM-DD HH:mm[:ss]', explicit +08:00. */
export const at = (s: string): number => Date.parse(`${s.replace(' ', 'T')}${s.length === 16 ? ':00' : ''}+08:00`);
export const NOW = at('2026-09-29 10:00');

const subdistrict = gumeiGeo.features.find((f) => f.properties.kind === 'subdistrict')!.geometry as {
	type: 'Polygon';
	coordinates: [number, number][][];
};
const communityNames = gumeiGeo.features.filter((f) => f.properties.kind === 'community').map((f) => f.properties.name);
export const ctx: OrderValidationContext = {
	now: NOW,
	orderTypes: categoriesData.hotlineOrderTypes.map((t) => ({ type: t.type, code: t.code, limit: t.limit as Limit })),
	categoryCodes: new Set(categoriesData.categories.map((c) => c.code)),
	communities: new Map(communityNames.map((name, i) => [name, i + 1])),
	boundary: subdistrict.coordinates
};
export const GUMEI_1 = communityNames.indexOf('古美一村') + 1;

export type Raw = Partial<Record<OrderColumnKey, string>>;
export const FULL: Raw = {
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
export const MINIMAL: Raw = {
	orderNo: '2309280001',
	channel: 'APP',
	orderType: '咨询',
	address: '平南路',
	content: '咨询办事时间',
	receivedAt: '2026/9/29 9:05'
};

export function valid(raw: Raw): OrderInput {
	const r = validateOrderRecord(raw, ctx);
	if (!r.ok) throw new Error(`expected valid, got ${JSON.stringify(r.errors)}`);
	return r.order;
}
export const errorsOf = (raw: Raw) => {
	const r = validateOrderRecord(raw, ctx);
	return r.ok ? [] : r.errors;
};
