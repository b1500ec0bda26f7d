// The names of the keys the statistics group by: ids as strings → 片区, 居民区, department and
// worker names (retired departments included: past figures still name them), codes → category names.
// Months are named by the page, in the reader's language.
import { categoryLabel } from '$lib/domain/category-search';
import type { GroupBy } from '$lib/domain/rates';
import type { Db } from '../../db/create-database';
import { listAreaNames, listCategories, listCommunityNames, listDepartments } from '../../repositories/reference';
import { listUserNames } from '../../repositories/users';

const NAMES: Record<Exclude<GroupBy, 'month'>, (db: Db) => Promise<[string, string][]>> = {
	area: async (db) => (await listAreaNames(db)).map((a) => [String(a.id), a.name]),
	community: async (db) => (await listCommunityNames(db)).map((c) => [String(c.id), c.name]),
	department: async (db) => (await listDepartments(db, { includeRetired: true })).map((d) => [String(d.id), d.name]),
	category: async (db) => (await listCategories(db)).map((c) => [c.code, categoryLabel(c)]),
	worker: async (db) => (await listUserNames(db)).map((u) => [String(u.id), u.display_name])
};

export async function groupNames(db: Db, groupBy: GroupBy): Promise<Map<string, string>> {
	return groupBy === 'month' ? new Map() : new Map(await NAMES[groupBy](db));
}
