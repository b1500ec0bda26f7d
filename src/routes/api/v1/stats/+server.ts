import { json } from '@sveltejs/kit';
import { GROUP_BYS, rateValue, type GroupBy, type RateCount } from '$lib/domain/rates';
import { apiKeyOf, problem } from '$lib/server/api-answers';
import { getDb } from '$lib/server/db';
import { computeStats, type StatsBlock } from '$lib/server/services/stats/compute';
import { parsePeriod } from '$lib/server/services/stats/export';
import type { RequestHandler } from './$types';
import { can } from '$lib/domain/access';

const PERIOD_MESSAGES = {
	date_required: 'from and to are required (YYYY-MM-DD)',
	invalid_date: 'Not a real date (YYYY-MM-DD)',
	from_after_to: 'from must not be after to',
	period_too_long: 'The period may span at most 366 days'
} as const;

/** A rate for machines: both counts, the value (fraction, 4 decimals, null when nothing was decided), the left-out and the open. */
const presentRate = (c: RateCount) => ({
	numerator: c.numerator,
	denominator: c.denominator,
	value: rateValue(c),
	excluded: c.excluded,
	undecided: c.undecided
});
const presentBlock = (b: StatsBlock) => ({
	rates: Object.fromEntries(Object.entries(b.rates).map(([k, c]) => [k, presentRate(c)])),
	volumes: b.volumes
});

/**
 * The rates and volumes of a period (dates inclusive, Asia/Shanghai), in total and optionally grouped.
 * Read by a signed-in person allowed to see statistics, or by a reporting system with a `stats` API key.
 */
export const GET: RequestHandler = async ({ request, url, locals }) => {
	const db = getDb();
	const now = Date.now();
	const authorization = request.headers.get('authorization');
	if (authorization !== null) {
		const key = await apiKeyOf(db, request, 'stats', now);
		if (key instanceof Response) return key;
	} else if (!locals.actor) {
		return problem(401, 'api_key_missing', 'Sign in or send an API key (Authorization: Bearer gck_…)');
	} else if (!can(locals.actor, 'stats.view')) {
		return problem(403, 'forbidden', 'Your role may not read the statistics');
	}

	const period = parsePeriod(url.searchParams);
	if (!period.ok)
		return problem(400, period.code, PERIOD_MESSAGES[period.code], { fields: { [period.field]: period.code } });
	const groupParam = url.searchParams.get('groupBy');
	if (groupParam !== null && groupParam !== '' && !(GROUP_BYS as readonly string[]).includes(groupParam)) {
		return problem(400, 'invalid_group_by', `groupBy is one of ${GROUP_BYS.join(', ')}`, {
			fields: { groupBy: 'invalid_group_by' }
		});
	}
	const groupBy = groupParam ? (groupParam as GroupBy) : null;

	const s = await computeStats(db, period.from, period.to, groupBy, now);
	return json(
		{
			from: s.from,
			to: s.to,
			groupBy: s.groupBy,
			...presentBlock(s.total),
			groups: s.groups.map((g) => ({ key: g.key, ...presentBlock(g) }))
		},
		{ headers: { 'Cache-Control': 'no-store' } }
	);
};
