import { redirect } from '@sveltejs/kit';
import { cookieName, isLocale } from '$lib/paraglide/runtime';
import { safePath } from '$lib/server/safe-path';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = () => redirect(303, '/tasks');

/** The language switch is a plain form, so it works without JavaScript. */
export const actions: Actions = {
	default: async ({ request, cookies }) => {
		const form = await request.formData();
		const locale = String(form.get('locale') ?? '');
		if (isLocale(locale))
			cookies.set(cookieName, locale, { path: '/', httpOnly: false, sameSite: 'lax', maxAge: 400 * 86400 });
		redirect(303, safePath(String(form.get('back') ?? '')));
	}
};
