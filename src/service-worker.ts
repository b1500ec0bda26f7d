/// <reference types="@sveltejs/kit" />
/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />
// The app on a patrol phone: the shell and the worker's own open tasks readable without a
// connection. Pages are fetched from the network first and kept; with no network the kept copy is
// shown (the page says when it was current). Writes never pass through here: the outbox sends them.
import { build, files, version } from '$service-worker';
import { casePhotos, isFormPage, isKeptPage, pageKey, taskLinks } from '$lib/offline/kept-pages';

const sw = self as unknown as ServiceWorkerGlobalScope;
const SHELL = `shell-${version}`;
const PAGES = `pages-${version}`;
const OFFLINE = '/offline.html';
/** On a weak link a kept page is shown after this long; the network answer still updates it. */
const NETWORK_WAIT_MS = 4000;
const MAX_WARMED_CASES = 40;

/** Chromium's static routing (123+): a rule the browser applies itself, without running this worker. */
type RoutingInstallEvent = ExtendableEvent & {
	addRoutes?: (rules: { condition: { urlPattern: string }; source: { cacheName: string } }[]) => Promise<void>;
};

sw.addEventListener('install', (event) => {
	// The content-addressed scripts and styles are read from the kept copy by the browser directly, so
	// opening a page does not wake this worker's fetch handler some 30 times; elsewhere the handler
	// below serves them from the same cache.
	const routes = (event as RoutingInstallEvent).addRoutes?.([
		{ condition: { urlPattern: '/_app/immutable/*' }, source: { cacheName: SHELL } }
	]);
	routes?.catch(() => {});
	event.waitUntil(
		caches
			.open(SHELL)
			// The whole app's scripts and styles (about 230 KB compressed), once per version: any kept page starts offline.
			.then((c) => c.addAll([...build, ...files.filter((f) => !f.endsWith('.map'))]))
			.then(() => sw.skipWaiting())
	);
});

sw.addEventListener('activate', (event) => {
	event.waitUntil(
		caches
			.keys()
			.then((keys) => Promise.all(keys.filter((k) => k !== SHELL && k !== PAGES).map((k) => caches.delete(k))))
			.then(() => sw.clients.claim())
	);
});

/** A page worth keeping: a full, same-origin answer for this person, not a redirect to sign in. */
const keepable = (r: Response) => r.ok && r.type === 'basic' && !r.redirected;

async function keep(url: URL, response: Response): Promise<void> {
	if (!keepable(response)) return;
	await (await caches.open(PAGES)).put(pageKey(url), response);
}

/** Fetches a page and its data, keeps both, and for 我的任务 the case pages it links to. */
async function warm(path: string, depth = 0): Promise<void> {
	const url = new URL(path, sw.location.origin);
	if (!isKeptPage(url.pathname)) return;
	const page = await fetch(url, { credentials: 'same-origin' }).catch(() => null);
	if (!page || !keepable(page)) return;
	const html = await page.clone().text();
	await keep(url, page);
	const data = await fetch(new URL(`${url.pathname.replace(/\/$/, '')}/__data.json`, url), {
		credentials: 'same-origin'
	}).catch(() => null);
	if (data) await keep(new URL(`${url.pathname}/__data.json`, url), data);
	if (depth === 0 && url.pathname === '/tasks') await warmLinked(html);
	if (depth === 1) await warmPhotos(html);
}

sw.addEventListener('message', (event) => {
	const msg = event.data as { type?: string; urls?: unknown } | null;
	if (msg?.type === 'warm' && Array.isArray(msg.urls)) {
		event.waitUntil(Promise.all(msg.urls.filter((u): u is string => typeof u === 'string').map((u) => warm(u))));
	}
	if (msg?.type === 'forget') event.waitUntil(caches.delete(PAGES));
});

/** A kept case page's photos: every thumbnail, and the 处置前 photo in full for 对照拍摄. */
async function warmPhotos(html: string): Promise<void> {
	const pages = await caches.open(PAGES);
	for (const path of casePhotos(html)) {
		if (await pages.match(path)) continue;
		const r = await fetch(path, { credentials: 'same-origin' }).catch(() => null);
		if (r && keepable(r)) await pages.put(path, r);
	}
}

/** After a fresh 我的任务 arrives, the case pages it links to are kept too. */
async function warmLinked(html: string): Promise<void> {
	for (const link of taskLinks(html).slice(0, MAX_WARMED_CASES)) await warm(link, 1);
}

async function networkFirst(event: FetchEvent, url: URL): Promise<Response> {
	const network = fetch(event.request).then(async (r) => {
		await keep(url, r.clone());
		if (url.pathname === '/tasks' && event.request.mode === 'navigate' && keepable(r)) {
			const linked = r.clone().text().then(warmLinked);
			try {
				event.waitUntil(linked);
			} catch {
				// The page was already answered from the kept copy; the warming still runs while the worker lives.
			}
		}
		return r;
	});
	const timeout = new Promise<null>((resolve) => setTimeout(() => resolve(null), NETWORK_WAIT_MS));
	const first = await Promise.race([network.catch(() => null), timeout]);
	if (first) return first;
	const kept = await caches.match(pageKey(url), { cacheName: PAGES });
	if (kept) return kept;
	const late = await network.catch(() => null);
	if (late) return late;
	if (url.pathname.endsWith('/__data.json')) return Response.json({ type: 'redirect', location: OFFLINE });
	return (await caches.match(OFFLINE, { cacheName: SHELL })) ?? new Response('offline', { status: 503 });
}

/**
 * The report form and the outbox change only with the app or the reference lists: the kept copy opens
 * at once (a worker on one bar of signal starts typing), and a fresh one is kept for next time.
 */
async function keptFirst(event: FetchEvent, url: URL): Promise<Response> {
	const kept = await caches.match(pageKey(url), { cacheName: PAGES });
	if (!kept) return networkFirst(event, url);
	event.waitUntil(
		fetch(event.request)
			.then((r) => keep(url, r))
			.catch(() => {})
	);
	return kept;
}

sw.addEventListener('fetch', (event) => {
	const request = event.request;
	if (request.method !== 'GET') return;
	const url = new URL(request.url);
	if (url.origin !== sw.location.origin) return;
	if (build.includes(url.pathname) || files.includes(url.pathname)) {
		// Content-addressed or shipped with this version: the kept copy is the right one.
		event.respondWith(
			caches.match(request, { cacheName: SHELL }).then(
				(hit) =>
					hit ??
					fetch(request).then(async (r) => {
						if (r.ok) await (await caches.open(SHELL)).put(request, r.clone());
						return r;
					})
			)
		);
		return;
	}
	if (url.pathname.startsWith('/photos/')) {
		// A stored photo never changes under its id: a kept one is shown offline.
		event.respondWith(caches.match(url.pathname, { cacheName: PAGES }).then((hit) => hit ?? fetch(request)));
		return;
	}
	const path = url.pathname.replace(/\/__data\.json$/, '') || '/';
	if (isKeptPage(path)) {
		event.respondWith(isFormPage(path) ? keptFirst(event, url) : networkFirst(event, url));
		return;
	}
	if (request.mode === 'navigate') {
		event.respondWith(
			fetch(request).catch(
				async () => (await caches.match(OFFLINE, { cacheName: SHELL })) ?? new Response('offline', { status: 503 })
			)
		);
	}
});
