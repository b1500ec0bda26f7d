// The settings an admin changes without a developer, in one table: each typed key says where it is
// stored, what it holds when absent or unreadable, and (for numbers) the range a form may save.
// The settings repository reads and writes them through these specs; nobody names a key by hand.
import { DEFAULT_DEDUP_METERS, DEFAULT_DEDUP_MINUTES } from './alert-dedup';
import { DEFAULT_BASE_MAP, parseBaseMap, type BaseMapConfig } from './base-map';
import { readAppealRoutes, type AppealRoutes } from './enforcement-appeal';
import { ENFORCEMENT_LIMITS } from './enforcement-clocks';
import { DEFAULT_IMPORT_RETENTION_DAYS, MAX_IMPORT_RETENTION_DAYS } from './retention';
import { DEFAULT_REPEAT_WINDOW_DAYS } from './shop-input';

/** One setting: the key in the `settings` table, the value when absent or unreadable, and how to read and write it. */
export interface SettingSpec<T> {
	key: string;
	fallback: T;
	/** The stored text (undefined when absent) → the value; never throws. */
	read(stored: string | undefined): T;
	/** The value → the stored text. */
	write(value: T): string;
}

/** A whole-number setting an admin types into a form: the inclusive range it may take. */
export interface IntSettingSpec extends SettingSpec<number> {
	range: readonly [number, number];
}

/** A stored text read as JSON; a hand-set plain string stays a string. */
function readJson(stored: string | undefined): unknown {
	if (stored === undefined) return undefined;
	try {
		return JSON.parse(stored);
	} catch {
		return stored;
	}
}

/** Stored as a number's text; read back as any finite number (as written by hand or by the form). */
const finiteNumber = (key: string, fallback: number, range: readonly [number, number]): IntSettingSpec => ({
	key,
	fallback,
	range,
	read: (stored) => {
		const n = stored === undefined ? NaN : Number(stored);
		return Number.isFinite(n) ? n : fallback;
	},
	write: (value) => String(value)
});

/** Stored as JSON; read back only when a whole number inside the range (a digit string counts too). */
const intInRange = (key: string, fallback: number, range: readonly [number, number]): IntSettingSpec => ({
	key,
	fallback,
	range,
	read: (stored) => {
		const v = readJson(stored);
		const [min, max] = range;
		if (typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max) return v;
		if (typeof v === 'string' && /^\d+$/.test(v) && Number(v) >= min && Number(v) <= max) return Number(v);
		return fallback;
	},
	write: (value) => JSON.stringify(value)
});

/** `a.example.com, b.example.com:8080` → entries; null if one is not a plain host[:port]. */
export function parseFrameHosts(text: string): string[] | null {
	const entries = text
		.split(/[,\s]+/)
		.map((s) => s.trim().toLowerCase())
		.filter(Boolean);
	const valid = /^(\[[0-9a-f:.]+\]|[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*)(:\d{1,5})?$/;
	for (const e of entries) {
		const port = e.match(/:(\d{1,5})$/)?.[1];
		if (!valid.test(e) || (port !== undefined && (Number(port) < 1 || Number(port) > 65535))) return null;
	}
	return [...new Set(entries)];
}

export const SETTINGS = {
	/** 告警去重 distance, metres. */
	dedupMeters: intInRange('alerts.dedup_meters', DEFAULT_DEDUP_METERS, [1, 1000]),
	/** 告警去重 window either side, minutes. */
	dedupMinutes: intInRange('alerts.dedup_minutes', DEFAULT_DEDUP_MINUTES, [1, 10080]),
	/** Hosts camera frames may be fetched from, `host` or `host:port`, lower case; empty: no URL frames. Plain comma-separated text. */
	frameHosts: {
		key: 'alerts.frame_hosts',
		fallback: [],
		read: (stored) => {
			const v = readJson(stored);
			return (
				(typeof v === 'string' ? parseFrameHosts(v) : Array.isArray(v) ? parseFrameHosts(v.join(',')) : null) ?? []
			);
		},
		write: (hosts) => hosts.join(',')
	} satisfies SettingSpec<string[]> as SettingSpec<string[]>,
	/** 先行告知整改 period, natural minutes. */
	rectifyMinutes: finiteNumber('enforcement.rectify_minutes', ENFORCEMENT_LIMITS.rectifyMinutes, [1, 1440]),
	/** How far back a shop's enforcement cases count as repeat offences, days (a JSON number). */
	repeatWindowDays: {
		key: 'enforcement.repeat_window_days',
		fallback: DEFAULT_REPEAT_WINDOW_DAYS,
		range: [1, 3650],
		read: (stored) => {
			const v = readJson(stored);
			return typeof v === 'number' && Number.isInteger(v) && v > 0 ? v : DEFAULT_REPEAT_WINDOW_DAYS;
		},
		write: (days) => JSON.stringify(days)
	} satisfies IntSettingSpec as IntSettingSpec,
	/** Days an uploaded 12345 file is kept after its import finished. */
	importRetentionDays: finiteNumber('import_retention_days', DEFAULT_IMPORT_RETENTION_DAYS, [
		0,
		MAX_IMPORT_RETENTION_DAYS
	]),
	/** The base map every Leaflet map draws (JSON BaseMapConfig). */
	baseMap: {
		key: 'map.base',
		fallback: DEFAULT_BASE_MAP,
		read: (stored) => parseBaseMap(stored),
		write: (config) => JSON.stringify(config)
	} satisfies SettingSpec<BaseMapConfig> as SettingSpec<BaseMapConfig>,
	/** The 决定书's 复议机关, court and time limits (JSON AppealRoutes); invalid: the defaults. */
	appealRoutes: {
		key: 'enforcement.appeal_routes',
		fallback: readAppealRoutes(undefined),
		read: (stored) => {
			const v = readJson(stored);
			// A plain string is not JSON here: as unreadable as absent.
			return readAppealRoutes(typeof v === 'string' ? undefined : v);
		},
		write: (routes) => JSON.stringify(routes)
	} satisfies SettingSpec<AppealRoutes> as SettingSpec<AppealRoutes>
} as const;

export type SettingName = keyof typeof SETTINGS;

/** A form field for an IntSettingSpec: the number, or why not ('required' when empty, 'out_of_range' otherwise). */
export function parseIntSetting(
	spec: IntSettingSpec,
	input: string
): { ok: true; value: number } | { ok: false; error: 'required' | 'out_of_range' } {
	const [min, max] = spec.range;
	if (/^\d+$/.test(input) && Number(input) >= min && Number(input) <= max) return { ok: true, value: Number(input) };
	return { ok: false, error: input ? 'out_of_range' : 'required' };
}
