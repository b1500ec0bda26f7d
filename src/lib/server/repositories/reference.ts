import type { CategoryValues } from '$lib/domain/category-input';
import type { LngLat } from '$lib/domain/geo';
import type { Db } from '../db/create-database';
import type { CategoryRow } from '../db/schema';
import { memo } from '../memo';

/** A category as the app uses it (aliases parsed): the values a valid admin form gives. Its limits are versioned apart: category-limits.ts. */
export type Category = CategoryValues;

export function toCategory(r: CategoryRow): Category {
	return {
		code: r.code,
		kind: r.kind,
		major: r.major,
		minor: r.minor,
		variant: r.variant,
		aliases: JSON.parse(r.aliases) as string[],
		urgency: r.urgency,
		closeCondition: r.close_condition,
		track: r.track,
		departmentId: r.department_id
	};
}

// Reference lists every list page shows in its filters: kept until the database changes (memo.ts).
// Callers get a shared, read-only array.
const lists = memo<unknown>(60_000, 20);
const kept = <T>(db: Db, key: string, load: () => Promise<T>) => lists.get(db, key, Date.now(), load) as Promise<T>;

export async function listCategories(db: Db): Promise<readonly Category[]> {
	return kept(db, 'categories', async () =>
		(await db.selectFrom('categories').selectAll().where('active', '=', 1).orderBy('code').execute()).map(toCategory)
	);
}

/** A category as an existing case needs it, even if it has since been switched off. */
export async function getCaseCategory(db: Db, code: string): Promise<Category | null> {
	const row = await db.selectFrom('categories').selectAll().where('code', '=', code).executeTakeFirst();
	return row ? toCategory(row) : null;
}

/** A category that may be chosen for a new or re-registered case. */
export async function getCategory(db: Db, code: string): Promise<Category | null> {
	const row = await db
		.selectFrom('categories')
		.selectAll()
		.where('code', '=', code)
		.where('active', '=', 1)
		.executeTakeFirst();
	return row ? toCategory(row) : null;
}

/** Departments work can be sent to; `includeRetired` for labels of old records (statistics, the admin). */
export async function listDepartments(db: Db, { includeRetired = false } = {}) {
	let q = db.selectFrom('departments').select(['id', 'name', 'kind', 'active']);
	if (!includeRetired) q = q.where('active', '=', 1);
	return q.orderBy('id').execute();
}

export interface Geography {
	boundary: LngLat[][];
	areas: { id: number; name: string; rings: LngLat[][] }[];
	communities: { id: number; name: string; areaId: number; lng: number; lat: number; rings: LngLat[][] | null }[];
}

/** The boundaries in force on `date` (片区 are redrawn now and then; a case keeps the area it was filed in). */
export async function loadGeography(db: Db, date: string): Promise<Geography> {
	const version = await boundaryVersionOn(db, date);
	const [shapeRows, communityRows, communityShapes] = await Promise.all([
		version
			? db
					.selectFrom('area_shapes')
					.innerJoin('areas', 'areas.id', 'area_shapes.area_id')
					.select(['areas.id', 'areas.name', 'areas.kind', 'area_shapes.geometry'])
					.where('area_shapes.version_id', '=', version.id)
					.orderBy('areas.id')
					.execute()
			: Promise.resolve([]),
		db.selectFrom('communities').select(['id', 'name', 'area_id', 'lng', 'lat']).orderBy('id').execute(),
		version
			? db
					.selectFrom('community_shapes')
					.select(['community_id', 'geometry'])
					.where('version_id', '=', version.id)
					.execute()
			: Promise.resolve([])
	]);
	const outlines = new Map(communityShapes.map((c) => [c.community_id, polygonsOf(c.geometry).flat()]));
	const sub = shapeRows.find((a) => a.kind === 'subdistrict');
	return {
		boundary: sub ? polygonsOf(sub.geometry).flat() : [],
		areas: shapeRows
			.filter((a) => a.kind === 'area')
			.map((a) => ({ id: a.id, name: a.name, rings: polygonsOf(a.geometry).flat() })),
		communities: communityRows.map((c) => ({
			id: c.id,
			name: c.name,
			areaId: c.area_id,
			lng: c.lng,
			lat: c.lat,
			rings: outlines.get(c.id) ?? null
		}))
	};
}

/** The version in force on `date`; before the first one, the first one (the oldest outlines known). */
export async function boundaryVersionOn(db: Db, date: string) {
	const onOrBefore = await db
		.selectFrom('boundary_versions')
		.selectAll()
		.where('effective_from', '<=', date)
		.orderBy('effective_from', 'desc')
		.limit(1)
		.executeTakeFirst();
	return (
		onOrBefore ??
		(await db.selectFrom('boundary_versions').selectAll().orderBy('effective_from').limit(1).executeTakeFirst()) ??
		null
	);
}

/** A stored GeoJSON Polygon or MultiPolygon as a list of polygons (each: outer ring, then holes). */
export function polygonsOf(geometry: string): LngLat[][][] {
	const g = JSON.parse(geometry) as { type: string; coordinates: unknown };
	return g.type === 'MultiPolygon' ? (g.coordinates as LngLat[][][]) : [g.coordinates as LngLat[][]];
}

/** Names for ids and codes a case row carries, every row included (retired ones still name old cases). */
export interface ReferenceNames {
	categories: ReadonlyMap<string, { minor: string; variant: string | null }>;
	areas: ReadonlyMap<number, string>;
	communities: ReadonlyMap<number, string>;
	departments: ReadonlyMap<number, string>;
}

/** Kept like the lists above: the case list names its rows from here instead of joining four tables. */
export async function referenceNames(db: Db): Promise<ReferenceNames> {
	return kept(db, 'names', async () => {
		const [categories, areas, communities, departments] = await Promise.all([
			db.selectFrom('categories').select(['code', 'minor', 'variant']).execute(),
			db.selectFrom('areas').select(['id', 'name']).execute(),
			db.selectFrom('communities').select(['id', 'name']).execute(),
			db.selectFrom('departments').select(['id', 'name']).execute()
		]);
		return {
			categories: new Map(categories.map((c) => [c.code, { minor: c.minor, variant: c.variant }])),
			areas: new Map(areas.map((a) => [a.id, a.name])),
			communities: new Map(communities.map((c) => [c.id, c.name])),
			departments: new Map(departments.map((d) => [d.id, d.name]))
		};
	});
}

export async function listAreaNames(db: Db) {
	return kept(db, 'areas', () =>
		db.selectFrom('areas').select(['id', 'name']).where('kind', '=', 'area').orderBy('id').execute()
	);
}

export async function listCommunityNames(db: Db) {
	return kept(db, 'communities', () =>
		db.selectFrom('communities').select(['id', 'name', 'area_id']).orderBy('id').execute()
	);
}

/** Every 居民区 id, read fresh (what an admin's form is checked against). */
export async function listCommunityIds(db: Db): Promise<number[]> {
	return (await db.selectFrom('communities').select('id').execute()).map((c) => c.id);
}

/** One 居民区 as stored now (read in the caller's transaction, not from the kept lists). */
export async function getCommunity(db: Db, id: number) {
	return db.selectFrom('communities').select(['id', 'name', 'area_id']).where('id', '=', id).executeTakeFirst();
}

/** 居民区 id → the 片区 holding it now. */
export async function communityAreas(db: Db): Promise<Map<number, number>> {
	return new Map(
		(await db.selectFrom('communities').select(['id', 'area_id']).execute()).map((c) => [c.id, c.area_id])
	);
}
