// The page's side of offline reading: asks the service worker to keep pages, or to forget them.
// Browser only.

/** Pages every field user needs offline; 我的任务 brings its case pages along. */
export function warmPages(urls: string[]): void {
	void navigator.serviceWorker?.ready.then((reg) => reg.active?.postMessage({ type: 'warm', urls }));
}

/** Kept pages hold this person's work: they go when someone signs out or signs in. */
export async function forgetPages(): Promise<void> {
	if (typeof caches === 'undefined') return;
	for (const key of await caches.keys()) if (key.startsWith('pages-')) await caches.delete(key);
}
