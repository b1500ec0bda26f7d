// Sends one outbox item to the server and reads the answer. Browser only.
import { classifyResponse, type SendOutcome } from '$lib/domain/outbox';
import type { OutboxItem } from './db';

/** A patrol photo upload on a weak link takes a while; past this it is retried, safely, with the same key. */
const TIMEOUT_MS = 60_000;

export function toFormData(item: OutboxItem): FormData {
	const body = new FormData();
	body.set('key', item.key);
	body.set('kind', item.kind);
	body.set('capturedAt', String(item.capturedAt));
	for (const [name, value] of Object.entries(item.fields)) body.set(name, value);
	if (item.caseId !== undefined) body.set('caseId', String(item.caseId));
	if (item.version !== undefined) body.set('version', String(item.version));
	for (const p of item.photos) body.append(p.field, p.blob, p.name);
	return body;
}

export async function sendItem(item: OutboxItem): Promise<SendOutcome & { errors?: Record<string, string> }> {
	const controller = new AbortController();
	const timer = setTimeout(() => controller.abort(), TIMEOUT_MS);
	try {
		const res = await fetch('/field/submit', {
			method: 'POST',
			body: toFormData(item),
			signal: controller.signal,
			headers: { accept: 'application/json' }
		});
		const body = await res.json().catch(() => null);
		return classifyResponse(res.status, body);
	} catch {
		// Offline, cut off mid-upload, or timed out: the answer, if any, is lost; the key makes a resend safe.
		return classifyResponse(0, null);
	} finally {
		clearTimeout(timer);
	}
}
