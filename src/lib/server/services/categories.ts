// Categories kept by the admin: add, edit names/aliases/track/default department
// (in effect at once), schedule new limits from an effective time (cases filed before keep theirs),
// withdraw a version not yet in force, retire and restore. Every change is audited.
import { checkCategory, type CategoryForm, type CategoryValues } from '$lib/domain/category-input';
import { checkLimitForm, limitsAt, sameLimits, type LimitForm, type LimitVersion } from '$lib/domain/category-limits';
import type { Limit } from '$lib/domain/deadlines';
import type { Db } from '../db/create-database';
import { auditedChange } from './audited-change';
import {
	countOpenCasesOf,
	findCategoryRow,
	insertCategory,
	listAllCategories,
	updateCategoryRow
} from '../repositories/categories';
import { deleteLimitVersion, insertLimitVersion, listLimitVersions } from '../repositories/category-limits';
import { listDepartments } from '../repositories/reference';
import { readAuditLog } from './audit-log';

export type CategoryResult = { ok: true; code: string } | { ok: false; errors: Record<string, string> };

const limitText = (l: Limit | null) => (l ? `${l.value} ${l.unit}` : null);
const versionDetail = (v: Pick<LimitVersion, 'handleLimit' | 'efficientLimit'>) => ({
	handle: limitText(v.handleLimit),
	efficient: limitText(v.efficientLimit)
});

async function activeDepartmentIds(db: Db) {
	return (await listDepartments(db)).map((d) => d.id);
}

const columns = (v: CategoryValues) => ({
	kind: v.kind,
	major: v.major,
	minor: v.minor,
	variant: v.variant,
	aliases: JSON.stringify(v.aliases),
	urgency: v.urgency,
	close_condition: v.closeCondition,
	track: v.track,
	department_id: v.departmentId
});

/** A new category with its first limits, in force from the effective time given (now at the earliest). */
export async function createCategory(
	db: Db,
	adminId: number,
	form: CategoryForm,
	limits: LimitForm,
	now: number
): Promise<CategoryResult> {
	const check = checkCategory(form, await activeDepartmentIds(db));
	const limitCheck = checkLimitForm(limits, now);
	const errors = { ...(check.ok ? {} : check.errors), ...(limitCheck.ok ? {} : limitCheck.errors) };
	if (!check.ok || !limitCheck.ok) return { ok: false, errors };
	const v = check.value;
	if (await findCategoryRow(db, v.code)) return { ok: false, errors: { code: 'category_code_taken' } };
	await auditedChange(
		db,
		{ actorId: adminId, at: now },
		async (trx) => {
			await insertCategory(trx, { code: v.code, ...columns(v) });
			await insertLimitVersion(trx, v.code, limitCheck.value, now, adminId);
		},
		() => ({
			action: 'category.create',
			target: `category:${v.code}`,
			detail: { ...v, ...versionDetail(limitCheck.value), effectiveFrom: limitCheck.value.effectiveFrom }
		})
	);
	return { ok: true, code: v.code };
}

/** Names, aliases, urgency, close condition, track and default department: in effect at once (no clock depends on them). */
export async function updateCategory(
	db: Db,
	adminId: number,
	code: string,
	form: Omit<CategoryForm, 'code'>,
	now: number
): Promise<CategoryResult> {
	const before = await findCategoryRow(db, code);
	if (!before) return { ok: false, errors: { form: 'not_found' } };
	const check = checkCategory({ ...form, code }, await activeDepartmentIds(db));
	if (!check.ok) return { ok: false, errors: check.errors };
	const next = columns(check.value);
	const changed = (Object.keys(next) as (keyof typeof next)[]).filter((k) => before[k] !== next[k]);
	if (!changed.length) return { ok: true, code };
	const detail = Object.fromEntries(changed.map((k) => [k, { from: before[k], to: next[k] }]));
	await auditedChange(
		db,
		{ actorId: adminId, at: now },
		(trx) => updateCategoryRow(trx, code, next),
		() => ({ action: 'category.update', target: `category:${code}`, detail })
	);
	return { ok: true, code };
}

/** New limits from an effective time: cases that take the category from then on get them; none already filed changes. */
export async function scheduleLimits(
	db: Db,
	adminId: number,
	code: string,
	form: LimitForm,
	now: number
): Promise<CategoryResult> {
	if (!(await findCategoryRow(db, code))) return { ok: false, errors: { form: 'not_found' } };
	const check = checkLimitForm(form, now);
	if (!check.ok) return { ok: false, errors: check.errors };
	const versions = await listLimitVersions(db, code);
	const v = check.value;
	if (versions.some((x) => x.effectiveFrom === v.effectiveFrom))
		return { ok: false, errors: { effectiveFrom: 'version_exists' } };
	const previous = limitsAt(versions, v.effectiveFrom);
	if (previous && sameLimits(previous, v)) return { ok: false, errors: { handleValue: 'limits_unchanged' } };
	await auditedChange(
		db,
		{ actorId: adminId, at: now },
		(trx) => insertLimitVersion(trx, code, v, now, adminId),
		() => ({
			action: 'category.limits',
			target: `category:${code}`,
			detail: {
				effectiveFrom: new Date(v.effectiveFrom).toISOString(),
				handle: { from: limitText(previous?.handleLimit ?? null), to: limitText(v.handleLimit) },
				efficient: { from: limitText(previous?.efficientLimit ?? null), to: limitText(v.efficientLimit) }
			}
		})
	);
	return { ok: true, code };
}

/** A version that has not come into force yet can be withdrawn: no case can have taken it. */
export async function withdrawLimits(
	db: Db,
	adminId: number,
	code: string,
	versionId: number,
	now: number
): Promise<CategoryResult> {
	const v = (await listLimitVersions(db, code)).find((x) => x.id === versionId);
	if (!v) return { ok: false, errors: { form: 'not_found' } };
	if (v.effectiveFrom <= now) return { ok: false, errors: { form: 'version_in_force' } };
	await auditedChange(
		db,
		{ actorId: adminId, at: now },
		(trx) => deleteLimitVersion(trx, versionId),
		() => ({
			action: 'category.limits_withdraw',
			target: `category:${code}`,
			detail: { effectiveFrom: new Date(v.effectiveFrom).toISOString(), ...versionDetail(v) }
		})
	);
	return { ok: true, code };
}

/** Retired: no longer offered for new cases; existing cases keep it. */
export async function setCategoryActive(
	db: Db,
	adminId: number,
	code: string,
	active: boolean,
	now: number
): Promise<CategoryResult> {
	const before = await findCategoryRow(db, code);
	if (!before) return { ok: false, errors: { form: 'not_found' } };
	if (Boolean(before.active) === active) return { ok: true, code };
	await auditedChange(
		db,
		{ actorId: adminId, at: now },
		(trx) => updateCategoryRow(trx, code, { active: active ? 1 : 0 }),
		() => ({ action: active ? 'category.restore' : 'category.retire', target: `category:${code}`, detail: {} })
	);
	return { ok: true, code };
}

/** The admin's list: every category with the limits in force now and how many versions wait to come into force. */
export async function listCategoryOverview(db: Db, now: number) {
	const [categories, versions, departments] = await Promise.all([
		listAllCategories(db),
		listLimitVersions(db),
		listDepartments(db, { includeRetired: true })
	]);
	const names = new Map(departments.map((d) => [d.id, d.name]));
	const rows = categories.map((c) => {
		const own = versions.filter((v) => v.categoryCode === c.code);
		const current = limitsAt(own, now);
		return {
			code: c.code,
			name: c.variant ? `${c.minor}（${c.variant}）` : c.minor,
			major: c.major,
			kind: c.kind,
			track: c.track,
			active: c.active === 1,
			department: c.department_id === null ? null : (names.get(c.department_id) ?? null),
			handleLimit: current?.handleLimit ?? null,
			efficientLimit: current?.efficientLimit ?? null,
			scheduled: own.filter((v) => v.effectiveFrom > now).length
		};
	});
	return { rows, departments: departments.filter((d) => d.active === 1) };
}

/** One category for its admin page: the row, its limit versions, the active departments, its audit history and its open cases; null when there is none. */
export async function loadCategoryDetail(db: Db, code: string) {
	const category = await findCategoryRow(db, code);
	if (!category) return null;
	const [versions, departments, history, openCases] = await Promise.all([
		listLimitVersions(db, code),
		listDepartments(db),
		readAuditLog(db, { target: `category:${code}`, page: 1 }),
		countOpenCasesOf(db, code)
	]);
	return {
		category: { ...category, aliases: (JSON.parse(category.aliases) as string[]).join('、') },
		versions,
		departments,
		history,
		openCases
	};
}
