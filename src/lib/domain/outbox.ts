// The phone's outbox (待发送): field work kept on the phone until the server acknowledges it.
// Pure: what to send next, and what a send's answer means for the item. Storage and fetch live in
// src/lib/outbox/.

import type { FieldKind } from './field-submission';

/** `pending`: waits to be sent. `held`: the server refused it for a reason the worker must decide on. */
export type OutboxState = 'pending' | 'held';

export interface OutboxEntry {
	/** Made on the phone when the work was recorded; the server creates the work once per key. */
	key: string;
	/** Order of recording on this phone: items are sent oldest first. */
	seq: number;
	/** Who recorded it: only that person's session may send it. */
	username: string;
	kind: FieldKind;
	state: OutboxState;
	/** Why it is held (an error code), or why the last send failed. */
	reason: string | null;
	/** For a held 核查: where the case stands now. */
	current?: { code: string; status: string; version: number } | null;
	attempts: number;
}

/** What the server's answer (or its absence) means. */
export type SendOutcome =
	| { kind: 'done'; caseId: number; code: string; duplicate: boolean }
	/** No answer (offline, timeout, cut off mid-upload) or the server failed: try again later. */
	| { kind: 'retry'; reason: 'network' | 'server' }
	/** The session ended: the outbox waits until the worker signs in again. */
	| { kind: 'signed_out' }
	| {
			kind: 'held';
			reason: string;
			errors?: Record<string, string>;
			current?: { code: string; status: string; version: number };
	  };

/** Reads a response of POST /field/submit. */
export function classifyResponse(status: number, body: unknown): SendOutcome {
	const b = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
	if ((status === 200 || status === 201) && b.ok === true && typeof b.caseId === 'number') {
		return { kind: 'done', caseId: b.caseId, code: String(b.code ?? ''), duplicate: b.duplicate === true };
	}
	if (status === 401) return { kind: 'signed_out' };
	// 403 with a temporary password to replace, or a redirect to the login page answered as HTML.
	if (status === 0 || status === 408 || status === 429 || status >= 500)
		return { kind: 'retry', reason: status === 0 || status === 408 ? 'network' : 'server' };
	const code = typeof b.code === 'string' ? b.code : `http_${status}`;
	const errors = b.errors && typeof b.errors === 'object' ? (b.errors as Record<string, string>) : undefined;
	const current =
		b.current && typeof b.current === 'object'
			? (b.current as { code: string; status: string; version: number })
			: undefined;
	return { kind: 'held', reason: code, ...(errors ? { errors } : {}), ...(current ? { current } : {}) };
}

/** What to do with the item after a send, and whether to go on with the next one. */
export type AfterSend = { remove: true; next: boolean } | { remove: false; entry: OutboxEntry; next: boolean };

export function afterSend(entry: OutboxEntry, outcome: SendOutcome): AfterSend {
	const attempts = entry.attempts + 1;
	switch (outcome.kind) {
		case 'done':
			return { remove: true, next: true };
		case 'retry':
			// Order matters (a report before the photos of its 核查 elsewhere): stop, keep the rest waiting.
			return { remove: false, entry: { ...entry, attempts, reason: outcome.reason }, next: false };
		case 'signed_out':
			return { remove: false, entry: { ...entry, attempts, reason: 'signed_out' }, next: false };
		case 'held':
			return {
				remove: false,
				entry: { ...entry, attempts, state: 'held', reason: outcome.reason, current: outcome.current ?? null },
				next: true
			};
	}
}

/** The items this person's session may send now, oldest first; held ones wait for the worker. */
export function sendQueue<E extends OutboxEntry>(entries: readonly E[], username: string): E[] {
	return entries.filter((e) => e.state === 'pending' && e.username === username).sort((a, b) => a.seq - b.seq);
}

/** A held 核查 whose case still waits for 核查 can be sent again against the case as it is now. */
export function canResendHeld(entry: OutboxEntry): boolean {
	return (
		entry.state === 'held' &&
		(entry.kind === 'check_pass' || entry.kind === 'check_fail') &&
		entry.reason === 'stale' &&
		entry.current?.status === 'feedback'
	);
}

/** The worker chose to send a held 核查 again: it goes back in line, against the version the server reported. */
export function resendHeld<E extends OutboxEntry>(entry: E): E & { version?: number } {
	if (!canResendHeld(entry) || !entry.current) return entry;
	return { ...entry, state: 'pending', reason: null, version: entry.current.version, current: null };
}

/**
 * The 核查 of this case that this person keeps on the phone, waiting or held, if any: a case gets one
 * 核查 from the phone at a time, until it is sent or discarded. `sendingNow`: the item being sent as it
 * is recorded, which is not yet "kept".
 */
export function keptCheck<E extends OutboxEntry & { caseId?: number }>(
	entries: readonly E[],
	caseId: number,
	username: string,
	sendingNow: string | null = null
): E | undefined {
	return entries.find(
		(e) =>
			(e.kind === 'check_pass' || e.kind === 'check_fail') &&
			e.caseId === caseId &&
			e.username === username &&
			e.key !== sendingNow
	);
}

/** Next seq on this phone: after every item kept, and never before the clock (so order survives reloads). */
export function nextSeq(entries: readonly OutboxEntry[], now: number): number {
	return Math.max(now, ...entries.map((e) => e.seq + 1));
}

/** How long to wait before sending again after no answer: soon at first, then less often. */
export function retryDelay(attempts: number): number {
	const steps = [3_000, 10_000, 30_000, 60_000, 300_000];
	return steps[Math.min(Math.max(attempts, 1), steps.length) - 1];
}
