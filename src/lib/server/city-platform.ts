// The city platform (12345 市级平台) is an adapter, like the SMS gateway: the default only logs;
// GRIDCASE_CITY=http posts each update as JSON to GRIDCASE_CITY_URL with GRIDCASE_CITY_KEY.
import type { CityUpdate, DeliveryAnswer } from '$lib/domain/city-updates';

export interface CityPlatform {
	readonly name: string;
	/** One attempt. Never throws for the city's answer or a network failure: those are the answer. */
	deliver(update: CityUpdate): Promise<DeliveryAnswer>;
}

/** Writes the update to the server log and reports it accepted (the demo and tests use this). */
export class LoggingCityPlatform implements CityPlatform {
	readonly name = 'log';
	private seq = 0;
	constructor(private readonly log: (line: string) => void = (l) => console.log(l)) {}
	async deliver(u: CityUpdate): Promise<DeliveryAnswer> {
		this.log(`[city:log] ${u.orderNo} ${u.action} ${u.idempotencyKey} ${JSON.stringify(u.data)}`);
		return { kind: 'answered', status: 200, reason: null, ref: `log-${++this.seq}` };
	}
}

/** What a refusal or a receipt says: `{reason|message|error}` / `{ref|receipt|id}` in JSON, or the text itself. */
function readBody(text: string): { reason: string | null; ref: string | null } {
	try {
		const j = JSON.parse(text) as Record<string, unknown>;
		const pick = (...keys: string[]) =>
			keys.map((k) => j?.[k]).find((v) => typeof v === 'string' || typeof v === 'number');
		const reason = pick('reason', 'message', 'error', 'msg');
		const ref = pick('ref', 'receipt', 'id');
		return { reason: reason === undefined ? null : String(reason), ref: ref === undefined ? null : String(ref) };
	} catch {
		return { reason: text.trim() ? text.trim().slice(0, 500) : null, ref: null };
	}
}

/** POST the update as JSON; `Idempotency-Key` lets the city drop a repeat of an update it already has. */
export class HttpCityPlatform implements CityPlatform {
	readonly name = 'http';
	constructor(
		private readonly url: string,
		private readonly key: string,
		private readonly timeoutMs = 10_000
	) {}
	async deliver(u: CityUpdate): Promise<DeliveryAnswer> {
		try {
			const res = await fetch(this.url, {
				method: 'POST',
				headers: {
					'content-type': 'application/json',
					authorization: `Bearer ${this.key}`,
					'idempotency-key': u.idempotencyKey
				},
				body: JSON.stringify(u),
				redirect: 'manual',
				signal: AbortSignal.timeout(this.timeoutMs)
			});
			const body = readBody((await res.text()).slice(0, 4000));
			return { kind: 'answered', status: res.status, ...body };
		} catch (e) {
			const name = e instanceof Error ? e.name : '';
			if (name === 'TimeoutError' || name === 'AbortError') return { kind: 'timeout' };
			const cause =
				e instanceof Error && e.cause instanceof Error ? e.cause.message : e instanceof Error ? e.message : String(e);
			return { kind: 'network', message: cause };
		}
	}
}

let platform: CityPlatform | null = null;

/** GRIDCASE_CITY selects the adapter: `log` (the default) or `http` (needs GRIDCASE_CITY_URL and GRIDCASE_CITY_KEY). */
export function cityPlatform(): CityPlatform {
	if (platform) return platform;
	const kind = process.env.GRIDCASE_CITY ?? 'log';
	if (kind === 'log') platform = new LoggingCityPlatform();
	else if (kind === 'http') {
		const url = process.env.GRIDCASE_CITY_URL;
		const key = process.env.GRIDCASE_CITY_KEY;
		if (!url || !/^https?:\/\//.test(url))
			throw new Error('GRIDCASE_CITY=http needs GRIDCASE_CITY_URL (http:// or https://)');
		if (!key) throw new Error('GRIDCASE_CITY=http needs GRIDCASE_CITY_KEY');
		const timeout = Number(process.env.GRIDCASE_CITY_TIMEOUT_MS ?? 10_000);
		platform = new HttpCityPlatform(url, key, Number.isFinite(timeout) && timeout > 0 ? timeout : 10_000);
	} else throw new Error(`GRIDCASE_CITY=${kind}: no such city platform adapter (available: log, http)`);
	return platform;
}

/** Tests and deployments may install their own adapter. */
export function setCityPlatform(p: CityPlatform | null): void {
	platform = p;
}
