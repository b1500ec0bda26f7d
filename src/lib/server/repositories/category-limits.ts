// The versions of each category's limits (migration 009) and the one in force at an instant.
import { limitsAt, type LimitVersion } from '$lib/domain/category-limits';
import type { Limit, LimitUnit } from '$lib/domain/deadlines';
import type { Db } from '../db/create-database';

export interface CategoryLimits {
	handleLimit: Limit | null;
	efficientLimit: Limit | null;
}

export const toLimit = (value: number | null, unit: string | null): Limit | null =>
	value === null || unit === null ? null : { value, unit: unit as LimitUnit };

export interface StoredLimitVersion extends LimitVersion {
	id: number;
	categoryCode: string;
	createdAt: number;
	createdBy: number | null;
}

/** Every version, oldest first; for one category or all. */
export async function listLimitVersions(db: Db, code?: string): Promise<StoredLimitVersion[]> {
	let q = db.selectFrom('category_limits').selectAll();
	if (code !== undefined) q = q.where('category_code', '=', code);
	const rows = await q.orderBy('category_code').orderBy('effective_from').execute();
	return rows.map((r) => ({
		id: r.id,
		categoryCode: r.category_code,
		effectiveFrom: r.effective_from,
		handleLimit: toLimit(r.handle_value, r.handle_unit),
		efficientLimit: toLimit(r.efficient_value, r.efficient_unit),
		createdAt: r.created_at,
		createdBy: r.created_by
	}));
}

/** The limits a case filed (or re-categorised) at `at` takes; none when the category has no version yet. */
export async function limitsInForce(db: Db, code: string, at: number): Promise<CategoryLimits> {
	const row = await db
		.selectFrom('category_limits')
		.select(['handle_value', 'handle_unit', 'efficient_value', 'efficient_unit'])
		.where('category_code', '=', code)
		.where('effective_from', '<=', at)
		.orderBy('effective_from', 'desc')
		.limit(1)
		.executeTakeFirst();
	return row
		? {
				handleLimit: toLimit(row.handle_value, row.handle_unit),
				efficientLimit: toLimit(row.efficient_value, row.efficient_unit)
			}
		: { handleLimit: null, efficientLimit: null };
}

/** The version in force at `at` for every category, from one read (lists and the admin page). */
export async function allLimitsAt(db: Db, at: number): Promise<Map<string, StoredLimitVersion>> {
	const byCode = new Map<string, StoredLimitVersion[]>();
	for (const v of await listLimitVersions(db)) byCode.set(v.categoryCode, [...(byCode.get(v.categoryCode) ?? []), v]);
	const out = new Map<string, StoredLimitVersion>();
	for (const [code, versions] of byCode) {
		const v = limitsAt(versions, at);
		if (v) out.set(code, v);
	}
	return out;
}

export async function insertLimitVersion(
	db: Db,
	code: string,
	v: LimitVersion,
	createdAt: number,
	createdBy: number | null
): Promise<number> {
	const row = await db
		.insertInto('category_limits')
		.values({
			category_code: code,
			effective_from: v.effectiveFrom,
			handle_value: v.handleLimit?.value ?? null,
			handle_unit: v.handleLimit?.unit ?? null,
			efficient_value: v.efficientLimit?.value ?? null,
			efficient_unit: v.efficientLimit?.unit ?? null,
			created_at: createdAt,
			created_by: createdBy
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	return row.id;
}

export async function deleteLimitVersion(db: Db, id: number): Promise<void> {
	await db.deleteFrom('category_limits').where('id', '=', id).execute();
}
