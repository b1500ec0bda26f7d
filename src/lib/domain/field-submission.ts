// What a phone sends from patrol: a key it made itself, and when and where it recorded the thing.
// Pure: the server's `now` is a parameter.

/** 上报, 自行处置 and the two 核查 outcomes: the field work a grid worker can do offline. */
export const FIELD_KINDS = ['report', 'self_handle', 'check_pass', 'check_fail'] as const;
export type FieldKind = (typeof FIELD_KINDS)[number];
export const isFieldKind = (s: string): s is FieldKind => (FIELD_KINDS as readonly string[]).includes(s);

/** A UUID from `crypto.randomUUID()`, or any 16–64 URL-safe characters. */
export const isSubmissionKey = (s: string): boolean => /^[A-Za-z0-9_-]{16,64}$/.test(s);

/** A phone's clock may run a little ahead of the server's. */
export const CLOCK_SKEW_MS = 5 * 60_000;
/** How long an item may wait in a phone's outbox before the server no longer takes its capture time. */
export const MAX_OUTBOX_AGE_MS = 30 * 86_400_000;

export type CaptureTime = { ok: true; at: number } | { ok: false; code: 'captured_at_invalid' | 'captured_too_old' };

/**
 * The instant the case keeps as recorded on the phone. A clock slightly ahead is taken as the
 * server's now (never a time in the future); one far ahead, or a record older than a month, is refused.
 */
export function captureTime(raw: string, now: number): CaptureTime {
	const at = /^[0-9]{10,15}$/.test(raw) ? Number(raw) : Date.parse(raw);
	if (!Number.isFinite(at) || at > now + CLOCK_SKEW_MS) return { ok: false, code: 'captured_at_invalid' };
	if (at < now - MAX_OUTBOX_AGE_MS) return { ok: false, code: 'captured_too_old' };
	return { ok: true, at: Math.min(at, now) };
}

/**
 * Whether a record says when the phone recorded it besides when the server did: only when they are
 * a minute or more apart (the work waited on the phone), not for a send that went at once.
 */
export const recordedApart = (capturedAt: unknown, at: number): capturedAt is number =>
	typeof capturedAt === 'number' && Math.abs(capturedAt - at) >= 60_000;
