/**
 * A same-site path to go to after sign-in or a language switch. Anything that a browser could
 * read as another origin ('//x', '/\x', control characters) falls back to `fallback`.
 */
export function safePath(raw: string | null | undefined, fallback = '/tasks'): string {
	if (
		!raw ||
		!raw.startsWith('/') ||
		raw.includes('\\') ||
		[...raw].some((ch) => ch.charCodeAt(0) < 0x20 || ch.charCodeAt(0) === 0x7f)
	) {
		return fallback;
	}
	try {
		const base = 'http://gridcase.invalid';
		const url = new URL(raw, base);
		return url.origin === base ? url.pathname + url.search : fallback;
	} catch {
		return fallback;
	}
}
