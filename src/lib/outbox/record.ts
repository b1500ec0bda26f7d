// Records a piece of field work from a form: photos scaled on the phone, the item kept in the
// outbox first, then sent at once when there is a connection. Browser only.
import type { FieldKind } from '$lib/domain/field-submission';
import { isStorageFull, type OutboxPhoto } from './db';
import { outbox } from './outbox.svelte';
import { scalePhotos } from './scale';
import { sendItem } from './send';

export type Recorded =
	| { kind: 'sent'; caseId: number }
	/** Kept in the outbox; `reason` says why it was not sent now (offline, no answer, signed out…). */
	| { kind: 'queued'; reason: string }
	/** The server named what is wrong: nothing kept, the form shows it. */
	| { kind: 'invalid'; errors: Record<string, string>; reason: string }
	| { kind: 'not_saved'; reason: 'storage_full' | 'unknown' };

export interface FieldForm {
	kind: FieldKind;
	username: string;
	title: string;
	form: FormData;
	/** The form fields the server reads, besides photos. */
	fieldNames: string[];
	photoFields: string[];
	caseId?: number;
	version?: number;
}

/** A key made on the phone; the server applies the work once per key. */
export function newKey(): string {
	if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
	return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
}

const isFile = (v: FormDataEntryValue): v is File => typeof v !== 'string' && !(v.size === 0 && v.name === '');

export async function recordFieldWork(f: FieldForm): Promise<Recorded> {
	const key = newKey();
	outbox.recording = key;
	try {
		return await record(f, key);
	} finally {
		outbox.recording = null;
	}
}

async function record(f: FieldForm, key: string): Promise<Recorded> {
	const capturedAt = Date.now();
	const photos: OutboxPhoto[] = [];
	for (const field of f.photoFields) {
		for (const file of await scalePhotos(f.form.getAll(field).filter(isFile)))
			photos.push({ field, name: file.name, blob: file });
	}
	const fields = Object.fromEntries(f.fieldNames.map((n) => [n, String(f.form.get(n) ?? '')]));
	let item;
	try {
		item = await outbox.add({
			key,
			username: f.username,
			kind: f.kind,
			title: f.title,
			capturedAt,
			fields,
			photos,
			caseId: f.caseId,
			version: f.version
		});
	} catch (e) {
		return { kind: 'not_saved', reason: isStorageFull(e) ? 'storage_full' : 'unknown' };
	}
	if (!navigator.onLine) return { kind: 'queued', reason: 'network' };
	const outcome = await sendItem(item);
	if (outcome.kind === 'done') {
		await outbox.discard(item.key);
		return { kind: 'sent', caseId: outcome.caseId };
	}
	if (outcome.kind === 'held' && outcome.errors && outcome.reason !== 'stale') {
		await outbox.discard(item.key);
		return { kind: 'invalid', errors: outcome.errors, reason: outcome.reason };
	}
	// No answer, signed out, or refused as a whole (moved on, no longer allowed): kept for the worker.
	await outbox.settle(item, outcome);
	return {
		kind: 'queued',
		reason: outcome.kind === 'held' ? outcome.reason : outcome.kind === 'signed_out' ? 'signed_out' : outcome.reason
	};
}
