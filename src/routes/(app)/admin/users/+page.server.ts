import { fail } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { listAreaNames, listCommunityNames, listDepartments } from '$lib/server/repositories/reference';
import { listAccounts } from '$lib/server/repositories/users';
import { createAccount } from '$lib/server/services/accounts';
import { readAccountForm } from './account-form';
import type { Actions, PageServerLoad } from './$types';
import { isRole, ROLES } from '$lib/domain/access';
import { requireCan } from '$lib/server/auth/gate';

export const load: PageServerLoad = async (event) => {
	requireCan(event, 'admin.manage');
	const db = getDb();
	const p = event.url.searchParams;
	const role = p.get('role') ?? '';
	const status = p.get('status') ?? 'active';
	const filters = {
		role: isRole(role) ? role : '',
		status: ['active', 'disabled', 'all'].includes(status) ? status : 'active',
		q: p.get('q')?.trim().slice(0, 40) ?? ''
	};
	const [accounts, areas, communities, departments] = await Promise.all([
		listAccounts(db, {
			role: filters.role || undefined,
			active: filters.status === 'all' ? undefined : filters.status === 'active',
			q: filters.q || undefined
		}),
		listAreaNames(db),
		listCommunityNames(db),
		listDepartments(db)
	]);
	return { accounts, filters, roles: ROLES, areas: [...areas], communities: [...communities], departments };
};

export const actions: Actions = {
	create: async (event) => {
		const admin = requireCan(event, 'admin.manage');
		const values = readAccountForm(await event.request.formData());
		const result = await createAccount(getDb(), admin.id, values, Date.now());
		if (!result.ok) return fail(400, { values, errors: result.errors });
		// The temporary password is shown this once; only its hash is kept.
		return { created: { id: result.id, username: values.username.trim().toLowerCase(), password: result.password } };
	}
};
