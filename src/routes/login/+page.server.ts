import { fail, redirect } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { SESSION_COOKIE } from '$lib/server/auth/session';
import { sessionCookieOptions } from '$lib/server/auth/guards';
import { DEVICE_COOKIE, deviceFrom, KNOWN_FOR_MS } from '$lib/server/auth/known-clients';
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
		// Behind a proxy (ADDRESS_HEADER) a request without the header did not come through it.
		let address: string;
		try {
			address = getClientAddress();
		} catch {
			return fail(400, { username, error: 'no_address' as const });
		}
		const device = deviceFrom(cookies.get(DEVICE_COOKIE));
		const now = Date.now();
		const result = await signIn(getDb(), username, password, { address, device }, now);
		if (!result.ok) {
			return fail(result.reason === 'locked' ? 429 : 400, {
				username,
				error: result.reason,
				until: result.until ?? null
			});
		}
		cookies.set(SESSION_COOKIE, result.token, sessionCookieOptions(url, result.expiresAt));
		cookies.set(DEVICE_COOKIE, result.device, sessionCookieOptions(url, now + KNOWN_FOR_MS));
		redirect(303, safeNext(url.searchParams.get('next')));
	}
};
