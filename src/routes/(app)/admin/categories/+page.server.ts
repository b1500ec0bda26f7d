import { fail } from '@sveltejs/kit';
import { requireCan } from '$lib/server/auth/gate';
import { CATEGORY_KINDS, CATEGORY_TRACKS } from '$lib/domain/category-input';
import { LIMIT_UNITS } from '$lib/domain/category-limits';
import { URGENCIES } from '$lib/domain/case-status';
import { getDb } from '$lib/server/db';
import { createCategory, listCategoryOverview } from '$lib/server/services/categories';
import { readCategoryForm, readLimitFields, toLimitForm } from './forms';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	requireCan(event, 'admin.manage');
	const { rows, departments } = await listCategoryOverview(getDb(), Date.now());
	return {
		rows,
		kinds: CATEGORY_KINDS,
		tracks: CATEGORY_TRACKS,
		units: LIMIT_UNITS,
		urgencies: URGENCIES,
		departments
	};
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
