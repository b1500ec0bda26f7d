import type { HotlineAction } from './hotline-status';

/**
 * What the street reports back to the city platform (回传) on a 12345 order: 签收, 先行联系, 答复,
 * 退单 request and 延期 request. The other actions are the street's own business (派单, approvals,
 * 督办, 回访), or the city's (an approved 退单 is the city's answer to the request).
 */
export const CITY_ACTIONS = [
	'sign',
	'first_contact',
	'reply',
	'request_return',
	'request_extension'
] as const satisfies readonly HotlineAction[];
export type CityAction = (typeof CITY_ACTIONS)[number];

export function isCityAction(a: string): a is CityAction {
	return (CITY_ACTIONS as readonly string[]).includes(a);
}

/** Delivery state of one update: 待发送 / 重试中 / 已送达 / 被拒绝. */
export const CITY_UPDATE_STATUSES = ['pending', 'retrying', 'delivered', 'refused'] as const;
export type CityUpdateStatus = (typeof CITY_UPDATE_STATUSES)[number];
/** Still to be sent: the sender holds later updates of the same order back until these are settled. */
export const WAITING_CITY_STATUSES: readonly CityUpdateStatus[] = ['pending', 'retrying'];

/** The body the city receives (JSON); instants are ISO 8601 UTC. No citizen name or phone. */
export interface CityUpdate {
	idempotencyKey: string;
	orderNo: string;
	action: CityAction;
	at: string;
	data: Record<string, unknown>;
}

const iso = (ms: unknown) => (typeof ms === 'number' && Number.isFinite(ms) ? new Date(ms).toISOString() : null);

/** The update for one order event, or null when the action is not reported to the city. */
export function cityUpdateOf(
	orderNo: string,
	event: { action: string; note: string | null; payload: Record<string, unknown> },
	at: number,
	idempotencyKey: string
): CityUpdate | null {
	if (!isCityAction(event.action)) return null;
	const p = event.payload;
	const data: Record<CityAction, () => Record<string, unknown>> = {
		sign: () => ({ signedAt: iso(at), firstContactDueAt: iso(p.firstContactDueAt) }),
		first_contact: () => ({
			contactedAt: iso(p.at),
			outcome: p.outcome ?? null,
			method: p.method ?? null,
			summary: event.note
		}),
		reply: () => ({ text: event.note, resolved: p.resolved === true, redo: p.redo === true }),
		request_return: () => ({
			reasonCode: p.reasonCode ?? null,
			reason: event.note,
			evidenceCount: p.evidenceCount ?? 0
		}),
		request_extension: () => ({ proposedDeadline: iso(p.proposedDeadline), reason: event.note })
	};
	return { idempotencyKey, orderNo, action: event.action, at: new Date(at).toISOString(), data: data[event.action]() };
}

/** What came back from one attempt. */
export type DeliveryAnswer =
	| { kind: 'answered'; status: number; reason: string | null; ref: string | null }
	| { kind: 'timeout' }
	| { kind: 'network'; message: string };

export type DeliveryVerdict =
	| { outcome: 'delivered'; ref: string | null }
	| { outcome: 'refused'; reason: string }
	| { outcome: 'retry'; error: string };

/**
 * 2xx: delivered. A 4xx is the city refusing this update, for good: recorded with its reason and
 * not sent again — except 401/403 (our key is wrong, the update was never judged), 408, 425 and
 * 429 (come back later), which are retried like a 5xx, a timeout or a network failure: a city
 * platform that is down or misconfigured loses nothing.
 */
export function judgeDelivery(a: DeliveryAnswer): DeliveryVerdict {
	if (a.kind === 'timeout') return { outcome: 'retry', error: 'timeout' };
	if (a.kind === 'network') return { outcome: 'retry', error: `network: ${a.message}`.slice(0, 300) };
	if (a.status >= 200 && a.status < 300) return { outcome: 'delivered', ref: a.ref };
	const retryable = a.status < 400 || a.status >= 500 || [401, 403, 408, 425, 429].includes(a.status);
	const said = a.reason?.trim() ? a.reason.trim().slice(0, 500) : null;
	if (retryable)
		return { outcome: 'retry', error: said ? `HTTP ${a.status}: ${said}`.slice(0, 300) : `HTTP ${a.status}` };
	return { outcome: 'refused', reason: said ?? `HTTP ${a.status}` };
}

export interface Backoff {
	baseMs: number;
	maxMs: number;
}

/** Wait before attempt n+1 after n failed attempts: base, 2×base, 4×base, … capped at max. */
export function retryDelay(failedAttempts: number, b: Backoff): number {
	const n = Math.max(1, Math.floor(failedAttempts));
	return Math.min(b.maxMs, b.baseMs * 2 ** Math.min(n - 1, 30));
}
