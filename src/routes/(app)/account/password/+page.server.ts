import { fail, redirect } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { text } from '$lib/server/form';
import { changeOwnPassword } from '$lib/server/services/accounts';
import type { Actions, PageServerLoad } from './$types';
import { requireActor } from '$lib/server/auth/gate';

export const load: PageServerLoad = async (event) => {
	requireActor(event);
	return { mustChange: event.locals.mustChangePassword };
};

export const actions: Actions = {
	default: async (event) => {
		const actor = requireActor(event);
		const form = await event.request.formData();
		// Passwords are never sent back to re-fill the form.
		const input = {
			current: text(form, 'current').slice(0, 256),
			password: text(form, 'password').slice(0, 256),
			confirm: text(form, 'confirm').slice(0, 256)
		};
		const result = await changeOwnPassword(getDb(), actor.id, event.locals.session!.id, input, Date.now());
		if (!result.ok) return fail(400, { errors: result.errors });
		if (event.locals.mustChangePassword) redirect(303, '/');
		return { done: true };
	}
};
