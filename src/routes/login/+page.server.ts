import { fail, redirect } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { SESSION_COOKIE } from '$lib/server/auth/session';
import { sessionCookieOptions } from '$lib/server/auth/guards';
import { signIn } from '$lib/server/services/sign-in';
import { safePath } from '$lib/server/safe-path';
import type { Actions, PageServerLoad } from './$types';

const safeNext = (next: string | null) => safePath(next);

export const load: PageServerLoad = ({ locals, url }) => {
	if (locals.user) redirect(303, safeNext(url.searchParams.get('next')));
	return {};
};

export const actions: Actions = {
	default: async ({ request, cookies, url, getClientAddress }) => {
		const form = await request.formData();
		const username = String(form.get('username') ?? '')
			.trim()
			.slice(0, 64);
		const password = String(form.get('password') ?? '').slice(0, 256);
		if (!username || !password) return fail(400, { username, error: 'missing' as const });
		const result = await signIn(getDb(), username, password, getClientAddress(), Date.now());
		if (!result.ok) {
			return fail(result.reason === 'locked' ? 429 : 400, {
				username,
				error: result.reason,
				until: result.until ?? null
			});
		}
		cookies.set(SESSION_COOKIE, result.token, sessionCookieOptions(url, result.expiresAt));
		redirect(303, safeNext(url.searchParams.get('next')));
	}
};
