import { isActionFailure, isRedirect } from '@sveltejs/kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routeTestDb, type RouteTestDb } from '$lib/server/route-test';

let t: RouteTestDb;
let actions: { default: (e: unknown) => Promise<unknown> };
beforeAll(async () => {
	t = await routeTestDb();
	({ actions } = (await import('./+page.server')) as unknown as { actions: typeof actions });
});
afterAll(async () => {
	await t.close();
});

/** A sign-in post from `address` (a function that throws: behind a proxy, its header was absent) with the browser's cookies. */
async function post(username: string, password: string, address: () => string, jar: Map<string, string>) {
	const url = new URL('http://localhost/login');
	const body = new FormData();
	body.set('username', username);
	body.set('password', password);
	const cookies = {
		get: (name: string) => jar.get(name),
		set: (name: string, value: string) => void jar.set(name, value)
	};
	try {
		return await actions.default({
			request: new Request(url, { method: 'POST', body }),
			url,
			cookies,
			getClientAddress: address
		});
	} catch (e) {
		return e;
	}
}

describe('/login', () => {
	it('signs in: the session cookie and a device cookie, which the next sign-in in that browser keeps', async () => {
		const jar = new Map<string, string>();
		expect(isRedirect(await post('diaodu', 'gridcase-demo', () => '10.0.0.9', jar))).toBe(true);
		const device = jar.get('gc_device');
		expect(device).toMatch(/^[a-z2-7]{32}$/);
		expect(jar.get('gc_session')).toBeTruthy();
		expect(isRedirect(await post('diaodu', 'gridcase-demo', () => '10.0.0.10', jar))).toBe(true);
		expect(jar.get('gc_device')).toBe(device);
	});

	it('behind a proxy, a post without the address header is a 400 with a message, not a 500', async () => {
		const r = await post(
			'diaodu',
			'gridcase-demo',
			() => {
				throw new Error('Address header was specified with ADDRESS_HEADER=X-Forwarded-For but is absent from request');
			},
			new Map()
		);
		expect(isActionFailure(r)).toBe(true);
		expect(r).toMatchObject({ status: 400, data: { error: 'no_address' } });
	});
});
