import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { getDb } from '$lib/server/db';
import { downloadResponse } from '$lib/server/import/export';
import { buildCaseSheets, buildStatsSheets, parsePeriod, writeWorkbook } from '$lib/server/services/stats/export';
import type { RequestHandler } from './$types';
import { requireCan } from '$lib/server/auth/gate';

const PERIOD_ERRORS = {
	date_required: m.export_err_date_required,
	invalid_date: m.export_err_invalid_date,
	from_after_to: m.export_err_from_after_to,
	period_too_long: m.export_err_period_too_long
} as const;

/**
 * `?from&to&kind=stats|cases` as XLSX: `stats` the rates (both counts, the rule) and volumes, with a
 * sheet per month; `cases` the period's grid cases and 12345 orders with their milestones, personal
 * data masked for every reader.
 */
export const GET: RequestHandler = async (event) => {
	requireCan(event, 'stats.export');
	const params = event.url.searchParams;
	const period = parsePeriod(params);
	if (!period.ok) error(400, PERIOD_ERRORS[period.code]());
	const kind = params.get('kind') ?? 'stats';
	if (kind !== 'stats' && kind !== 'cases') error(400, m.export_err_kind());

	const db = getDb();
	const now = Date.now();
	const sheets =
		kind === 'stats'
			? await buildStatsSheets(db, period.from, period.to, now)
			: await buildCaseSheets(db, period.from, period.to, now);
	return downloadResponse(`gridcase-${kind}-${period.from}-${period.to}.xlsx`, (out) => writeWorkbook(sheets, out));
};
