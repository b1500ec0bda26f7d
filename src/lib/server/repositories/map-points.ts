// Cases as map points: only the columns a marker needs, inside a bounding box, through
// the same filters as the case list (and the same view scope).
import { OPEN_STATUSES } from '$lib/domain/case-status';
import { OPEN_ENFORCEMENT_STATUSES } from '$lib/domain/enforcement-status';
import { deadlineState, type MapPoint } from '$lib/domain/map-cluster';
import { addDays, shanghaiMidnight } from '$lib/domain/working-days';
import type { Db } from '../db/create-database';
import { filteredCases, type CaseFilters } from './case-list';
import type { ViewScope } from '$lib/domain/access';

/** [west, south, east, north], WGS-84. */
export type Bbox = [number, number, number, number];

/** More points than this in one view are not all sent; the map says so and asks to zoom in or filter. */
export const MAX_MAP_POINTS = 50_000;

export async function casePoints(
	db: Db,
	scope: ViewScope,
	f: CaseFilters,
	[w, s, e, n]: Bbox,
	now: number
): Promise<MapPoint[]> {
	const rows = await filteredCases(db, scope, f, now)
		.where('cases.lng', '>=', w)
		.where('cases.lng', '<=', e)
		.where('cases.lat', '>=', s)
		.where('cases.lat', '<=', n)
		.select([
			'cases.id',
			'cases.code',
			'cases.lng',
			'cases.lat',
			'cases.status',
			'cases.stage_deadline_at',
			'cases.stage_warn_at'
		])
		.limit(MAX_MAP_POINTS + 1)
		.execute();
	return rows.map((r) => ({
		kind: 'case',
		id: r.id,
		code: r.code,
		lng: r.lng,
		lat: r.lat,
		state: deadlineState(
			{
				open: (OPEN_STATUSES as readonly string[]).includes(r.status),
				paused: r.status === 'parked',
				deadlineAt: r.stage_deadline_at,
				warnAt: r.stage_warn_at
			},
			now
		)
	}));
}

/** Enforcement cases: the filters that mean the same there (category, area, 居民区, period, open/overdue). */
export async function enforcementPoints(db: Db, f: CaseFilters, [w, s, e, n]: Bbox, now: number): Promise<MapPoint[]> {
	let q = db
		.selectFrom('enforcement_cases')
		.where('lng', '>=', w)
		.where('lng', '<=', e)
		.where('lat', '>=', s)
		.where('lat', '<=', n);
	if (f.categoryCode) q = q.where('category_code', '=', f.categoryCode);
	if (f.areaId) q = q.where('area_id', '=', f.areaId);
	if (f.communityId) q = q.where('community_id', '=', f.communityId);
	if (f.from) q = q.where('created_at', '>=', shanghaiMidnight(f.from));
	if (f.to) q = q.where('created_at', '<', shanghaiMidnight(addDays(f.to, 1)));
	if (f.overdue) q = q.where('stage_deadline_at', '<', now).where('status', 'in', OPEN_ENFORCEMENT_STATUSES);
	const rows = await q
		.select(['id', 'code', 'lng', 'lat', 'status', 'stage_deadline_at', 'stage_warn_at'])
		.limit(MAX_MAP_POINTS + 1)
		.execute();
	return rows.map((r) => ({
		kind: 'enforcement',
		id: r.id,
		code: r.code,
		lng: r.lng,
		lat: r.lat,
		state: deadlineState(
			{
				open: (OPEN_ENFORCEMENT_STATUSES as readonly string[]).includes(r.status),
				paused: false,
				deadlineAt: r.stage_deadline_at,
				warnAt: r.stage_warn_at
			},
			now
		)
	}));
}
