import { fail } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { optionalId, refill, text } from '$lib/server/form';
import {
	createDepartment,
	DEPARTMENT_KINDS,
	listDepartmentsForAdmin,
	renameDepartment,
	setDepartmentActive,
	type DepartmentResult
} from '$lib/server/services/departments';
import type { Actions, PageServerLoad } from './$types';
import { requireCan } from '$lib/server/auth/gate';

export const load: PageServerLoad = async (event) => {
	requireCan(event, 'admin.manage');
	return { departments: await listDepartmentsForAdmin(getDb()), kinds: DEPARTMENT_KINDS };
};

/** A refused change names its form (the new one or one department's row) so the page shows it there. */
const answer = (action: string, id: number | null, values: Values, r: DepartmentResult) =>
	r.ok ? { action, done: r.id } : fail(400, { action, id, values, field: r.field, code: r.code, count: r.count ?? 0 });
type Values = { name?: string; kind?: string };

export const actions: Actions = {
	create: async (event) => {
		const admin = requireCan(event, 'admin.manage');
		const form = await event.request.formData();
		const values = { name: refill(text(form, 'name'), 60), kind: text(form, 'kind') };
		return answer(
			'create',
			null,
			values,
			await createDepartment(getDb(), admin.id, values.name, values.kind, Date.now())
		);
	},
	rename: async (event) => {
		const admin = requireCan(event, 'admin.manage');
		const form = await event.request.formData();
		const id = optionalId(form, 'id');
		const values = { name: refill(text(form, 'name'), 60) };
		if (id === null) return answer('rename', id, values, { ok: false, field: 'form', code: 'not_found' });
		return answer('rename', id, values, await renameDepartment(getDb(), admin.id, id, values.name, Date.now()));
	},
	retire: async (event) => setActive(event, false),
	restore: async (event) => setActive(event, true)
};

async function setActive(event: Parameters<Actions[string]>[0], active: boolean) {
	const admin = requireCan(event, 'admin.manage');
	const id = optionalId(await event.request.formData(), 'id');
	const action = active ? 'restore' : 'retire';
	if (id === null) return answer(action, id, {}, { ok: false, field: 'form', code: 'not_found' });
	return answer(action, id, {}, await setDepartmentActive(getDb(), admin.id, id, active, Date.now()));
}
