// Display names for the keys the statistics group by (ids as strings, category codes, 'YYYY-MM').
import type { GroupBy } from '$lib/domain/rates';
import { m } from '$lib/paraglide/messages';
import type { Db } from '$lib/server/db/create-database';
import { groupNames } from '$lib/server/services/stats/group-names';
import { monthLabel } from './labels';

export async function groupLabels(db: Db, groupBy: GroupBy, keys: string[]): Promise<Record<string, string>> {
	const names = await groupNames(db, groupBy);
	const label = (k: string) =>
		k === '' ? m.stats_group_unknown() : groupBy === 'month' ? monthLabel(k) : (names.get(k) ?? k);
	return Object.fromEntries(keys.map((k) => [k, label(k)]));
}
