// Which pages a patrol phone keeps for reading offline, and under which key. Pure.

/** 我的任务 (and 我上报的), the report form, the outbox, and the case pages a worker opens from them. */
const KEPT = /^\/(tasks|outbox|cases\/new|cases\/[1-9][0-9]{0,9})$/;

export const isKeptPage = (pathname: string): boolean => KEPT.test(pathname);

/** Pages that are forms rather than lists of work: a kept copy may open first while a fresh one loads. */
export const isFormPage = (pathname: string): boolean => pathname === '/cases/new' || pathname === '/outbox';

/**
 * The cache key of a page or its data: the address without the parameters SvelteKit adds to say
 * which parts of the data it still holds, so a kept copy answers any of those requests.
 */
export function pageKey(url: URL): string {
	const kept = new URL(url.pathname, url.origin);
	for (const [k, v] of url.searchParams) if (!k.startsWith('x-sveltekit-')) kept.searchParams.append(k, v);
	return kept.href;
}

/** The case pages a kept 我的任务 links to, in the order shown (most urgent first), once each. */
export function taskLinks(html: string): string[] {
	return [...new Set([...html.matchAll(/href="(\/cases\/[1-9][0-9]{0,9})"/g)].map((m) => m[1]))];
}

/** The photos a kept case page shows offline: its thumbnails, and the 处置前 photo 对照拍摄 lays over the camera. */
export function casePhotos(html: string): string[] {
	const thumbs = [...html.matchAll(/src="(\/photos\/[0-9a-f]{32}\/thumb)"/g)].map((m) => m[1]);
	const before = [...html.matchAll(/data-before-photo="([0-9a-f]{32})"/g)].map((m) => `/photos/${m[1]}/full`);
	return [...new Set([...thumbs, ...before])];
}
