import { error, fail } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { getDb } from '$lib/server/db';
import { loadAccountPage } from '$lib/server/services/account-views';
import { resetPassword, setAccountActive, updateAccount } from '$lib/server/services/accounts';
import { readAccountForm } from '../account-form';
import type { Actions, PageServerLoad } from './$types';
import { requireCan } from '$lib/server/auth/gate';

export const load: PageServerLoad = async (event) => {
	requireCan(event, 'admin.manage');
	const page = await loadAccountPage(getDb(), Number(event.params.id));
	if (!page) error(404, m.err_not_found());
	return page;
};

export const actions: Actions = {
	update: async (event) => {
		const admin = requireCan(event, 'admin.manage');
		const values = readAccountForm(await event.request.formData());
		const result = await updateAccount(getDb(), admin.id, Number(event.params.id), values, Date.now());
		if (!result.ok) return fail(400, { action: 'update', values, errors: result.errors });
		return { action: 'update', done: true };
	},
	disable: async (event) => {
		const admin = requireCan(event, 'admin.manage');
		const result = await setAccountActive(getDb(), admin.id, Number(event.params.id), false, Date.now());
		if (!result.ok) return fail(400, { action: 'disable', errors: result.errors });
		return { action: 'disable', done: true };
	},
	enable: async (event) => {
		const admin = requireCan(event, 'admin.manage');
		const result = await setAccountActive(getDb(), admin.id, Number(event.params.id), true, Date.now());
		if (!result.ok) return fail(400, { action: 'enable', errors: result.errors });
		return { action: 'enable', done: true };
	},
	reset: async (event) => {
		const admin = requireCan(event, 'admin.manage');
		const result = await resetPassword(getDb(), admin.id, Number(event.params.id), Date.now());
		if (!result.ok) return fail(400, { action: 'reset', errors: result.errors });
		// Shown this once to the admin, who hands it over; the user must change it at sign-in.
		return { action: 'reset', done: true, password: result.password };
	}
};
