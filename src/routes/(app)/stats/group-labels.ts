// Display names for the keys the statistics group by (ids as strings, category codes, 'YYYY-MM').
import { categoryLabel } from '$lib/domain/category-search';
import type { GroupBy } from '$lib/domain/rates';
import { m } from '$lib/paraglide/messages';
import type { Db } from '$lib/server/db/create-database';
import { listAreaNames, listCategories, listCommunityNames, listDepartments } from '$lib/server/repositories/reference';
import { listUserNames } from '$lib/server/repositories/users';
import { monthLabel } from './labels';

export async function groupLabels(db: Db, groupBy: GroupBy, keys: string[]): Promise<Record<string, string>> {
	let names: Map<string, string>;
	switch (groupBy) {
		case 'month':
			names = new Map(keys.filter((k) => k).map((k) => [k, monthLabel(k)]));
			break;
		case 'area':
			names = new Map((await listAreaNames(db)).map((a) => [String(a.id), a.name]));
			break;
		case 'community':
			names = new Map((await listCommunityNames(db)).map((c) => [String(c.id), c.name]));
			break;
		case 'department':
			names = new Map((await listDepartments(db, { includeRetired: true })).map((d) => [String(d.id), d.name]));
			break;
		case 'category':
			names = new Map((await listCategories(db)).map((c) => [c.code, categoryLabel(c)]));
			break;
		case 'worker':
			names = new Map((await listUserNames(db)).map((u) => [String(u.id), u.display_name]));
			break;
	}
	return Object.fromEntries(keys.map((k) => [k, k === '' ? m.stats_group_unknown() : (names.get(k) ?? k)]));
}
