import { fail } from '@sveltejs/kit';
import { CATEGORY_KINDS, CATEGORY_TRACKS } from '$lib/domain/category-input';
import { LIMIT_UNITS } from '$lib/domain/category-limits';
import { URGENCIES } from '$lib/domain/case-status';
import { getDb } from '$lib/server/db';
import { listLimitVersions } from '$lib/server/repositories/category-limits';
import { listDepartments } from '$lib/server/repositories/reference';
import { createCategory } from '$lib/server/services/categories';
import { readCategoryForm, readLimitFields, toLimitForm } from './forms';
import type { Actions, PageServerLoad } from './$types';
import { limitsAt } from '$lib/domain/category-limits';
import { requireCan } from '$lib/server/auth/gate';

export const load: PageServerLoad = async (event) => {
	requireCan(event, 'admin.manage');
	const db = getDb();
	const now = Date.now();
	const [categories, versions, departments] = await Promise.all([
		db.selectFrom('categories').selectAll().orderBy('active', 'desc').orderBy('code').execute(),
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
	return { rows, kinds: CATEGORY_KINDS, tracks: CATEGORY_TRACKS, units: LIMIT_UNITS, urgencies: URGENCIES, departments: departments.filter((d) => d.active === 1) };
};

export const actions: Actions = {
	create: async (event) => {
		const admin = requireCan(event, 'admin.manage');
		const form = await event.request.formData();
		const values = readCategoryForm(form);
		const limits = readLimitFields(form);
		const now = Date.now();
		const result = await createCategory(getDb(), admin.id, values, toLimitForm(limits, now), now);
		if (!result.ok) return fail(400, { values, limits, errors: result.errors });
		return { created: result.code };
	}
};
