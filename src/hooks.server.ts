import type { Handle, HandleServerError, ServerInit } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { paraglideMiddleware } from '$lib/paraglide/server';
import { getDb } from '$lib/server/db';
import { migrateToLatest } from '$lib/server/db/migrate';
import { SESSION_COOKIE, validateSessionToken } from '$lib/server/auth/session';
import { sessionCookieOptions, toActor } from '$lib/server/auth/guards';
import { loadReferenceData } from '$lib/server/repositories/reference-data';
import { markInterruptedImports } from '$lib/server/services/hotline/import-upload';
import { ensureCounts } from '$lib/server/services/stats/rebuild';
import { isCrossSiteForm } from '$lib/server/csrf';
import { loadBaseMap } from '$lib/server/base-map';
import { setSecurityHeaders } from '$lib/server/security-headers';
import { asBusy, BUSY_MESSAGE, noteBusy } from '$lib/server/busy-answer';
import { handleFormBody } from '$lib/server/form-body';
import { evidenceDir, importDir, photoDir } from '$lib/server/config';
import { keepHouse } from '$lib/server/services/records/housekeeping';
import { cityPlatform } from '$lib/server/city-platform';
import { startCitySender } from '$lib/server/services/hotline/city-sender';

/** Migrations and base data (calendar, geography, categories) are applied when the server starts. */
export const init: ServerInit = async () => {
	const db = getDb();
	await migrateToLatest(db, (line) => console.log(line));
	await loadReferenceData(db, (line) => console.log(`base data: ${line}`));
	const built = await ensureCounts(db);
	if (built !== null) console.log(`statistics counts built from the records: ${built} rows`);
	await markInterruptedImports(db);
	// Files left by a killed process, and uploads past their retention: in the background, never a referenced or young file.
	// 12345 updates for the city platform: sent in the background, a round every 2 s (GRIDCASE_CITY picks the adapter).
	console.log(`city platform: ${cityPlatform().name}`);
	startCitySender(db, cityPlatform);
	void keepHouse(db, { photos: photoDir(), evidence: evidenceDir(), imports: importDir() }, (line) =>
		console.log(line)
	).catch((e) => console.error('housekeeping failed:', e));
};

const handleLocale: Handle = ({ event, resolve }) =>
	paraglideMiddleware(event.request, ({ request, locale }) => {
		event.request = request;
		return resolve(event, {
			transformPageChunk: ({ html }) => html.replace('%paraglide.lang%', locale === 'zh' ? 'zh-CN' : locale)
		});
	});

/** What a user with a temporary password may still open: the page to replace it, and the way out. */
const PASSWORD_CHANGE_PATHS = ['/account/password', '/logout', '/locale', '/favicon.svg'];
const passwordFirst = (r: Request) =>
	r.method === 'GET' || r.method === 'HEAD'
		? new Response(null, { status: 303, headers: { location: '/account/password' } })
		: new Response('Change your temporary password first', { status: 403 });

/** Authenticate once per request; every load and action still checks permission itself. */
const handleAuth: Handle = async ({ event, resolve }) => {
	event.locals.user = null;
	event.locals.session = null;
	event.locals.actor = null;
	event.locals.mustChangePassword = false;
	const token = event.cookies.get(SESSION_COOKIE);
	if (token) {
		const result = await validateSessionToken(getDb(), token, Date.now());
		if (result) {
			event.locals.user = result.user;
			event.locals.session = result.session;
			event.locals.actor = toActor(result.user);
			event.locals.mustChangePassword = result.user.must_change_password === 1;
			event.cookies.set(SESSION_COOKIE, token, sessionCookieOptions(event.url, result.session.expiresAt));
		} else {
			event.cookies.delete(SESSION_COOKIE, { path: '/' });
		}
	}
	const path = event.url.pathname;
	const held = event.locals.mustChangePassword && !PASSWORD_CHANGE_PATHS.includes(path) && !path.startsWith('/_app/');
	const response = held ? passwordFirst(event.request) : await resolve(event);
	return response;
};

/** Refuses cross-site form posts before anything else runs (see csrf.ts for why it is ours). */
const handleCsrf: Handle = ({ event, resolve }) => {
	const r = event.request;
	if (isCrossSiteForm(r.method, r.headers.get('content-type'), r.headers.get('origin'), event.url)) {
		const message = `Cross-site ${r.method} form submissions are forbidden`;
		return r.headers.get('accept') === 'application/json'
			? Response.json({ message }, { status: 403 })
			: new Response(message, { status: 403 });
	}
	return resolve(event);
};

/** Content-Security-Policy and the other security headers on every response (security-headers.ts). */
const handleSecurityHeaders: Handle = async ({ event, resolve }) => {
	const response = await resolve(event);
	await setSecurityHeaders(response.headers, () => loadBaseMap(getDb()));
	return response;
};

/** A write that met another process's long write answers 503 with Retry-After, not 500 (busy-answer.ts). */
const handleBusy: Handle = async ({ event, resolve }) => asBusy(event, await resolve(event));

export const handle = sequence(handleBusy, handleSecurityHeaders, handleCsrf, handleLocale, handleFormBody, handleAuth);

/** Unexpected errors are logged with an id the user can quote; no internals reach the client. */
export const handleError: HandleServerError = ({ error, event, status, message }) => {
	const errorId = crypto.randomUUID().slice(0, 8);
	if (status !== 404) console.error(`[${errorId}] ${event.request.method} ${event.url.pathname}`, error);
	if (noteBusy(event, error)) return { message: BUSY_MESSAGE, errorId };
	return { message: status === 404 ? '页面不存在' : message, errorId };
};
