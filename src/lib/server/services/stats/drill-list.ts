// The cases, 12345 orders or enforcement cases behind one figure of the statistics page, exactly as
// counted there, one page at a time in id order.
import type { GroupBy } from '$lib/domain/rates';
import type { Period } from '$lib/domain/stats-period';
import { orderTypeName } from '$lib/labels';
import type { Db } from '../../db/create-database';
import { listCasesByIds, listEnforcementByIds, listOrdersByIds } from '../../repositories/stats-lists';
import { drillDown, drillVolume, type Part } from './drill';
import type { RateKey, VolumeKey } from './judge';

export const DRILL_PAGE_SIZE = 50;

export type DrillQuery = ({ volume: VolumeKey } | { rate: RateKey; part: Part }) & {
	period: Period;
	group?: { by: GroupBy; key: string };
	page: number;
};

export async function loadDrillList(db: Db, q: DrillQuery, now: number) {
	const range = { from: q.period.from, to: q.period.to, group: q.group };
	const found =
		'volume' in q
			? await drillVolume(db, { volume: q.volume, ...range }, now)
			: await drillDown(db, { rate: q.rate, part: q.part, ...range }, now);
	const ids = [...new Set(found.ids)].sort((a, b) => a - b);
	const pageIds = ids.slice((q.page - 1) * DRILL_PAGE_SIZE, q.page * DRILL_PAGE_SIZE);
	const base = { total: ids.length, pageCount: Math.max(1, Math.ceil(ids.length / DRILL_PAGE_SIZE)) };
	if (found.kind === 'order') {
		const orders = (await listOrdersByIds(db, pageIds)).map((o) => ({
			...o,
			order_type_label: orderTypeName(o.order_type)
		}));
		return { ...base, kind: 'order' as const, orders, cases: [], enforcement: [] };
	}
	if (found.kind === 'enforcement') {
		const enforcement = await listEnforcementByIds(db, pageIds);
		return { ...base, kind: 'enforcement' as const, enforcement, cases: [], orders: [] };
	}
	return { ...base, kind: 'case' as const, cases: await listCasesByIds(db, pageIds), orders: [], enforcement: [] };
}
