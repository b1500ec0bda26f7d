// Getting a camera alert's frames into memory, from inline base64 or from the platform's image
// server. Nothing is written here: the caller validates every frame before storing any.
import { readCapped } from '../../read-capped';
import type { FrameSource } from '$lib/domain/alert-input';
import { MAX_EVIDENCE_BYTES } from '../../evidence';

export const FETCH_TIMEOUT_MS = 5000;

export type FrameFetchError = 'host_not_allowed' | 'fetch_failed' | 'fetch_timeout' | 'too_large';
export type FrameInput = FrameSource | { kind: 'file'; name: string; bytes: Uint8Array };
export type LoadedFrame = { name: string; bytes: Uint8Array; source: string };

/** `host` matches that host on any port; `host:port` only that port. Compared in lower case. */
export function isFrameHostAllowed(url: URL, allowed: readonly string[]): boolean {
	const host = url.hostname.toLowerCase();
	const port = url.port || (url.protocol === 'https:' ? '443' : '80');
	return allowed.some((entry) => {
		const m = entry.toLowerCase().match(/^(.*?)(?::(\d+))?$/);
		return !!m && m[1] === host && (m[2] === undefined || m[2] === port);
	});
}

/** GET with a deadline and a byte cap; redirects are refused (they could leave the allow-list). */
export async function fetchFrame(
	address: string,
	allowed: readonly string[],
	fetchImpl: typeof fetch = fetch
): Promise<Uint8Array | FrameFetchError> {
	const url = new URL(address);
	if ((url.protocol !== 'http:' && url.protocol !== 'https:') || !isFrameHostAllowed(url, allowed))
		return 'host_not_allowed';
	const signal = AbortSignal.timeout(FETCH_TIMEOUT_MS);
	try {
		const res = await fetchImpl(url, {
			signal,
			redirect: 'error',
			headers: { accept: 'image/jpeg,image/png,image/webp' }
		});
		if (!res.ok || !res.body) {
			await res.body?.cancel().catch(() => {});
			return 'fetch_failed';
		}
		if (Number(res.headers.get('content-length') ?? 0) > MAX_EVIDENCE_BYTES) {
			await res.body.cancel().catch(() => {});
			return 'too_large';
		}
		const body = await readCapped(res.body, MAX_EVIDENCE_BYTES);
		return body ?? 'too_large';
	} catch {
		return signal.aborted ? 'fetch_timeout' : 'fetch_failed';
	}
}

/** Base64 was checked by the domain validator; Buffer decodes it without a binary string. */
export function decodeFrame(base64: string): Uint8Array {
	return new Uint8Array(Buffer.from(base64, 'base64'));
}

/** Loads every frame (URL fetches in parallel); per-frame errors by index, nothing written. */
export async function loadFrames(
	frames: readonly FrameInput[],
	allowed: readonly string[],
	fetchImpl: typeof fetch = fetch
): Promise<{ ok: true; frames: LoadedFrame[] } | { ok: false; errors: { index: number; code: FrameFetchError }[] }> {
	const loaded = await Promise.all(
		frames.map(async (f, index): Promise<LoadedFrame | { index: number; code: FrameFetchError }> => {
			if (f.kind === 'file') return { name: f.name, bytes: f.bytes, source: 'upload' };
			if (f.kind === 'data') return { name: `frame-${index + 1}`, bytes: decodeFrame(f.base64), source: 'upload' };
			const bytes = await fetchFrame(f.url, allowed, fetchImpl);
			return typeof bytes === 'string' ? { index, code: bytes } : { name: f.url, bytes, source: `url:${f.url}` };
		})
	);
	const errors = loaded.filter((l): l is { index: number; code: FrameFetchError } => 'code' in l);
	return errors.length ? { ok: false, errors } : { ok: true, frames: loaded as LoadedFrame[] };
}
