// Reading a posted form once, before any action runs. A body that is not the form it
// claims to be (a broken multipart, a cut-off upload) is a 400 with a message, never an action's
// 500; every text field is cleaned of control characters and bidi overrides (cleanText) so no
// action stores them. The parsed form is handed on: request.formData() gives it again.
import type { Handle } from '@sveltejs/kit';
import { cleanText } from '$lib/domain/clean-text';

const FORM_TYPES = ['multipart/form-data', 'application/x-www-form-urlencoded'];

export const mediaType = (r: Request) => (r.headers.get('content-type') ?? '').split(';')[0].trim().toLowerCase();
export const isFormBody = (r: Request) => r.method === 'POST' && FORM_TYPES.includes(mediaType(r));

/** The action a page POST names (`?/name`), as SvelteKit reads it; 'default' for none. */
export function actionName(url: URL): string {
	for (const key of url.searchParams.keys()) if (key.startsWith('/')) return key.slice(1);
	return 'default';
}

/** `?/default` is reserved by SvelteKit, which answers it with a 500: refuse it ourselves. */
export const namesReservedAction = (url: URL) =>
	[...url.searchParams.keys()].some((k) => k.startsWith('/')) && actionName(url) === 'default';

export function cleanForm(form: FormData): FormData {
	const out = new FormData();
	for (const [name, value] of form) out.append(cleanText(name), typeof value === 'string' ? cleanText(value) : value);
	return out;
}

export type FormRead = { ok: true; form: FormData } | { ok: false; status: number; message: string };

/** Parses the body; a status the body reader set (413 over the size limit) is kept, anything else is 400. */
export async function readForm(request: Request): Promise<FormRead> {
	try {
		return { ok: true, form: cleanForm(await request.formData()) };
	} catch (e) {
		const status = statusOf(e) ?? statusOf((e as { cause?: unknown })?.cause) ?? 400;
		return {
			ok: false,
			status,
			message: status === 413 ? 'The form is too large' : 'The form body is malformed and cannot be read'
		};
	}
}

const statusOf = (e: unknown) => {
	const s = (e as { status?: unknown })?.status;
	return typeof s === 'number' && s >= 400 && s < 500 ? s : null;
};

/** The same request, whose formData() gives `form` (its body has been read). */
export function withForm(request: Request, form: FormData): Request {
	return new Proxy(request, {
		get(target, prop) {
			if (prop === 'formData') return async () => form;
			const value: unknown = Reflect.get(target, prop, target);
			return typeof value === 'function' ? value.bind(target) : value;
		}
	});
}

/** A refusal in the shape the asker reads: SvelteKit's enhance (JSON action result), JSON, or text. */
export function refuse(request: Request, status: number, message: string): Response {
	if (request.headers.get('x-sveltekit-action') === 'true')
		return Response.json({ type: 'error', error: { message } }, { status });
	if ((request.headers.get('accept') ?? '').includes('application/json')) return Response.json({ message }, { status });
	return new Response(message, { status, headers: { 'content-type': 'text/plain; charset=utf-8' } });
}

/** The hook (hooks.server.ts): `?/default` → 400; a page's form read here, unreadable → 400; /api/ reads its own bodies. */
export const handleFormBody: Handle = async ({ event, resolve }) => {
	const r = event.request;
	if (r.method === 'POST' && namesReservedAction(event.url))
		return refuse(r, 400, 'No form action named "default"; post to the page itself');
	if (!isFormBody(r) || event.url.pathname.startsWith('/api/')) return resolve(event);
	const read = await readForm(r);
	if (!read.ok) return refuse(r, read.status, read.message);
	event.request = withForm(r, read.form);
	return resolve(event);
};
