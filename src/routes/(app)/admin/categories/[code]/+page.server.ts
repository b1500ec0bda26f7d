import { error, fail } from '@sveltejs/kit';
import { CATEGORY_KINDS, CATEGORY_TRACKS } from '$lib/domain/category-input';
import { LIMIT_UNITS } from '$lib/domain/category-limits';
import { URGENCIES } from '$lib/domain/case-status';
import { m } from '$lib/paraglide/messages';
import { getDb } from '$lib/server/db';
import { optionalId } from '$lib/server/form';
import {
	loadCategoryDetail,
	scheduleLimits,
	setCategoryActive,
	updateCategory,
	withdrawLimits
} from '$lib/server/services/categories';
import { readCategoryForm, readLimitFields, toLimitForm } from '../forms';
import type { Actions, PageServerLoad } from './$types';
import { requireCan } from '$lib/server/auth/gate';

export const load: PageServerLoad = async (event) => {
	requireCan(event, 'admin.manage');
	const detail = await loadCategoryDetail(getDb(), event.params.code);
	if (!detail) error(404, m.err_not_found());
	return {
		category: detail.category,
		versions: detail.versions,
		now: Date.now(),
		openCases: detail.openCases,
		history: detail.history.rows,
		historyNames: detail.history.names,
		kinds: CATEGORY_KINDS,
		tracks: CATEGORY_TRACKS,
		units: LIMIT_UNITS,
		urgencies: URGENCIES,
		departments: detail.departments
	};
};

const code = (event: { params: { code: string } }) => event.params.code;

export const actions: Actions = {
	update: async (event) => {
		const admin = requireCan(event, 'admin.manage');
		const values = readCategoryForm(await event.request.formData());
		const result = await updateCategory(getDb(), admin.id, code(event), values, Date.now());
		if (!result.ok) return fail(400, { action: 'update', values, errors: result.errors });
		return { action: 'update', done: true };
	},
	limits: async (event) => {
		const admin = requireCan(event, 'admin.manage');
		const limits = readLimitFields(await event.request.formData());
		const now = Date.now();
		const result = await scheduleLimits(getDb(), admin.id, code(event), toLimitForm(limits, now), now);
		if (!result.ok) return fail(400, { action: 'limits', limits, errors: result.errors });
		return { action: 'limits', done: true };
	},
	withdraw: async (event) => {
		const admin = requireCan(event, 'admin.manage');
		const id = optionalId(await event.request.formData(), 'id');
		const result =
			id === null
				? ({ ok: false, errors: { form: 'not_found' } } as const)
				: await withdrawLimits(getDb(), admin.id, code(event), id, Date.now());
		if (!result.ok) return fail(400, { action: 'withdraw', errors: result.errors });
		return { action: 'withdraw', done: true };
	},
	retire: async (event) => {
		const admin = requireCan(event, 'admin.manage');
		await setCategoryActive(getDb(), admin.id, code(event), false, Date.now());
		return { action: 'retire', done: true };
	},
	restore: async (event) => {
		const admin = requireCan(event, 'admin.manage');
		await setCategoryActive(getDb(), admin.id, code(event), true, Date.now());
		return { action: 'restore', done: true };
	}
};
