import { fail } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { loadAccountList, type AccountListFilters } from '$lib/server/services/account-views';
import { createAccount } from '$lib/server/services/accounts';
import { readAccountForm } from './account-form';
import type { Actions, PageServerLoad } from './$types';
import { isRole } from '$lib/domain/access';
import { requireCan } from '$lib/server/auth/gate';

const STATUSES = ['active', 'disabled', 'all'] as const;

export const load: PageServerLoad = async (event) => {
	requireCan(event, 'admin.manage');
	const p = event.url.searchParams;
	const role = p.get('role') ?? '';
	const status = p.get('status') ?? 'active';
	const filters: AccountListFilters = {
		role: isRole(role) ? role : '',
		status: STATUSES.find((s) => s === status) ?? 'active',
		q: p.get('q')?.trim().slice(0, 40) ?? ''
	};
	return loadAccountList(getDb(), filters);
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
