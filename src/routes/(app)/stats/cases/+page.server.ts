import { error } from '@sveltejs/kit';
import { GROUP_BYS, type GroupBy } from '$lib/domain/rates';
import { isMonth, parsePeriod } from '$lib/domain/stats-period';
import { m } from '$lib/paraglide/messages';
import { getDb } from '$lib/server/db';
import { PARTS, type Part } from '$lib/server/services/stats/drill';
import { loadDrillList } from '$lib/server/services/stats/drill-list';
import { RATE_KEYS, VOLUME_KEYS, type RateKey, type VolumeKey } from '$lib/server/services/stats/judge';
import { groupLabels } from '../group-labels';
import type { PageServerLoad } from './$types';
import { requireCan } from '$lib/server/auth/gate';

const oneOf = <T extends string>(list: readonly T[], s: string | null): s is T =>
	s !== null && (list as readonly string[]).includes(s);

/** What a group key looks like for each grouping ('' is the group of cases without one). */
const GROUP_KEY: Record<GroupBy, RegExp> = {
	month: /^\d{4}-(0[1-9]|1[0-2])$/,
	area: /^(\d{1,10})?$/,
	community: /^(\d{1,10})?$/,
	department: /^(\d{1,10})?$/,
	category: /^[A-Za-z0-9_-]{0,40}$/,
	worker: /^(\d{1,10})?$/
};

/** Every parameter is checked: a list that silently ignored one would not match the figure it came from. */
function parseQuery(sp: URLSearchParams) {
	// A list is either one part of a rate (rate + part) or one volume (volume), never both.
	const volume = sp.get('volume');
	const rate = sp.get('rate');
	const part = sp.get('part');
	if (volume !== null) {
		if (!oneOf(VOLUME_KEYS, volume) || rate !== null || part !== null) error(400, m.stats_err_volume());
	} else {
		if (!oneOf(RATE_KEYS, rate)) error(400, m.stats_err_rate());
		if (!oneOf(PARTS, part)) error(400, m.stats_err_part());
	}
	const from = sp.get('from');
	const to = sp.get('to');
	if (!from || !to) error(400, m.stats_err_date());
	const period = parsePeriod(from, to, from);
	if ('error' in period)
		error(400, { date: m.stats_err_date, order: m.stats_err_order, span: m.stats_err_span }[period.error]());
	const by = sp.get('groupBy');
	const key = sp.get('group');
	let group: { by: GroupBy; key: string } | undefined;
	if (by !== null || key !== null) {
		if (!oneOf(GROUP_BYS, by) || key === null || !GROUP_KEY[by].test(key) || (by === 'month' && !isMonth(key)))
			error(400, m.stats_err_group());
		group = { by, key };
	}
	const pageParam = sp.get('page');
	if (pageParam !== null && !/^[1-9]\d{0,5}$/.test(pageParam)) error(400, m.stats_err_page());
	const what =
		volume !== null
			? { volume: volume as VolumeKey, rate: null, part: null }
			: { volume: null, rate: rate as RateKey, part: part as Part };
	return { ...what, period, group, page: pageParam ? Number(pageParam) : 1 };
}

/** The cases or 12345 orders behind one figure of the statistics page, exactly as counted there. */
export const load: PageServerLoad = async (event) => {
	requireCan(event, 'stats.view');
	const q = parseQuery(event.url.searchParams);
	const db = getDb();
	const what = q.volume !== null ? { volume: q.volume } : { rate: q.rate, part: q.part };
	const [list, groupLabel] = await Promise.all([
		loadDrillList(db, { ...what, period: q.period, group: q.group, page: q.page }, Date.now()),
		q.group ? groupLabels(db, q.group.by, [q.group.key]).then((l) => l[q.group!.key]) : null
	]);
	return {
		rate: q.rate,
		part: q.part,
		volume: q.volume,
		period: q.period,
		group: q.group ? { ...q.group, label: groupLabel } : null,
		page: q.page,
		...list
	};
};
