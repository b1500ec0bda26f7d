import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RequestEvent } from '@sveltejs/kit';
import { routeTestDb, type RouteTestDb } from './route-test';
import { actionName, handleFormBody, readForm } from './form-body';

// A form body that cannot be read is a 400 with a message on every form action (the
// hook reads it before the action runs), `?/default` is a 400, and texts arrive cleaned.
const BROKEN = '--x\r\nContent-Disposition: form-data; name="username"\r\n\r\nadmin'; // no closing boundary
const post = (
	url: string,
	body: BodyInit,
	type = 'multipart/form-data; boundary=x',
	headers: Record<string, string> = {}
) =>
	new Request(url, {
		method: 'POST',
		headers: { 'content-type': type, origin: new URL(url).origin, ...headers },
		body
	});

type Action = (event: RequestEvent) => Promise<unknown>;
/** Runs the hook with `resolve` calling `action`; what the action saw of the form, if it ran. */
async function throughHook(request: Request, action: Action) {
	let reached: FormData | null = null;
	const event = {
		request,
		url: new URL(request.url),
		locals: { actor: null, user: null, session: null },
		params: {},
		getClientAddress: () => '127.0.0.1'
	} as unknown as RequestEvent;
	const response = await handleFormBody({
		event,
		resolve: async (e) => {
			reached = await e.request.formData();
			await action(e).catch(() => {});
			return new Response('reached');
		}
	});
	return { response, reached: reached as FormData | null };
}

describe('readForm and actionName', () => {
	it('reads a form with its texts cleaned, and refuses a broken one with 400', async () => {
		const form = new FormData();
		form.set('note', '门前\u202E堆物\u0000');
		const read = await readForm(new Request('http://localhost/', { method: 'POST', body: form }));
		expect(read.ok && read.form.get('note')).toBe('门前堆物');
		expect(await readForm(post('http://localhost/', BROKEN))).toEqual({
			ok: false,
			status: 400,
			message: 'The form body is malformed and cannot be read'
		});
		expect(actionName(new URL('http://localhost/x?/assign&a=1'))).toBe('assign');
		expect(actionName(new URL('http://localhost/x?a=1'))).toBe('default');
	});
});

describe('every form action with a broken multipart body', () => {
	let t: RouteTestDb;
	const actions: { route: string; name: string; run: Action }[] = [];
	beforeAll(async () => {
		t = await routeTestDb();
		const modules = import.meta.glob('/src/routes/**/+page.server.ts');
		for (const [file, load] of Object.entries(modules)) {
			const mod = (await load()) as { actions?: Record<string, Action> };
			for (const [name, run] of Object.entries(mod.actions ?? {}))
				actions.push({ route: file.replace('/src/routes', '').replace('/+page.server.ts', '') || '/', name, run });
		}
	}, 60_000);
	afterAll(() => t.close());

	it('answers 400 with a message before the action runs, on each of them', async () => {
		expect(actions.length).toBeGreaterThanOrEqual(25);
		const answers: string[] = [];
		for (const a of actions) {
			const path = a.route.replace(/\([^)]*\)\//g, '').replace(/\[[^\]]+\]/g, '1');
			const url = `http://localhost${path}${a.name === 'default' ? '' : `?/${a.name}`}`;
			const { response, reached } = await throughHook(post(url, BROKEN), a.run);
			answers.push(
				`${a.route} ${a.name}: ${response.status} ${reached ? 'reached' : (await response.text()).slice(0, 20)}`
			);
		}
		expect(answers).toEqual(actions.map((a) => `${a.route} ${a.name}: 400 The form body is mal`));
	});

	it('gives the action its form, cleaned, when the body is sound; `?/default` and the enhance form of the answer', async () => {
		const login = actions.find((a) => a.route === '/login')!;
		const form = new FormData();
		form.set('username', 'ad\u0000min');
		form.set('password', 'x');
		const sound = await throughHook(new Request('http://localhost/login', { method: 'POST', body: form }), login.run);
		expect(sound.reached?.get('username')).toBe('admin');
		const reserved = await throughHook(
			post('http://localhost/login?/default', 'username=a', 'application/x-www-form-urlencoded'),
			login.run
		);
		expect([reserved.response.status, reserved.reached]).toEqual([400, null]);
		const enhanced = await throughHook(
			post('http://localhost/login', BROKEN, undefined, { accept: 'application/json', 'x-sveltekit-action': 'true' }),
			login.run
		);
		expect(await enhanced.response.json()).toEqual({
			type: 'error',
			error: { message: 'The form body is malformed and cannot be read' }
		});
	});
});
