// Versions of a category's time limits and the checks on what an admin types.
// A version is in force from its effective instant until the next one; a case takes the version in
// force when it is filed (or re-categorised at 立案) and keeps it. Pure: no clock, no database.
import type { Limit, LimitUnit } from './deadlines';

export const LIMIT_UNITS: readonly LimitUnit[] = ['wd', 'wh', 'h24'];
/** Upper bounds that catch a typo (a limit of 300 working days is one), per unit. */
const MAX_VALUE: Record<LimitUnit, number> = { wd: 60, wh: 480, h24: 720 };
/** An effective time a little in the past is "now" (the form took a minute to fill in). */
export const EFFECTIVE_GRACE_MS = 5 * 60_000;

export interface LimitVersion {
	effectiveFrom: number;
	handleLimit: Limit | null;
	efficientLimit: Limit | null;
}

/** The version in force at `at`: the latest that started at or before it; null before the first. */
export function limitsAt<V extends { effectiveFrom: number }>(versions: readonly V[], at: number): V | null {
	let best: V | null = null;
	for (const v of versions)
		if (v.effectiveFrom <= at && (best === null || v.effectiveFrom > best.effectiveFrom)) best = v;
	return best;
}

export interface LimitForm {
	/** No handling limit at all (special campaigns): no deadline, so nothing to be on time for and no rates. */
	noLimit: boolean;
	handleValue: string;
	handleUnit: string;
	/** Blank: the default, half the handling limit (efficient-limit.ts). */
	efficientValue: string;
	efficientUnit: string;
	/** ms; NaN when the typed date-time was not one. */
	effectiveFrom: number;
}

export type LimitField = 'handleValue' | 'handleUnit' | 'efficientValue' | 'efficientUnit' | 'effectiveFrom';
export type LimitCheck = { ok: true; value: LimitVersion } | { ok: false; errors: Partial<Record<LimitField, string>> };

const isUnit = (s: string): s is LimitUnit => (LIMIT_UNITS as readonly string[]).includes(s);

function checkValue(text: string, unit: LimitUnit): number | string {
	const s = text.trim();
	if (!s) return 'required';
	if (!/^\d+(\.\d+)?$/.test(s)) return 'invalid_number';
	const v = Number(s);
	if (v === 0) return 'limit_zero';
	if (v > MAX_VALUE[unit]) return 'limit_too_large';
	// A working-day limit counts whole days; hours may be halves (0.5 h), nothing finer.
	if (unit === 'wd' ? !Number.isInteger(v) : !Number.isInteger(v * 2)) return 'limit_granularity';
	return v;
}

export function checkLimitForm(f: LimitForm, now: number): LimitCheck {
	const errors: Partial<Record<LimitField, string>> = {};
	if (!Number.isFinite(f.effectiveFrom)) errors.effectiveFrom = 'invalid_date';
	// Cases filed before now already took their limits: a version cannot start in the past.
	else if (f.effectiveFrom < now - EFFECTIVE_GRACE_MS) errors.effectiveFrom = 'effective_in_past';
	if (f.noLimit) {
		return Object.keys(errors).length
			? { ok: false, errors }
			: { ok: true, value: { effectiveFrom: Math.max(f.effectiveFrom, now), handleLimit: null, efficientLimit: null } };
	}
	let handle: Limit | null = null;
	let efficient: Limit | null = null;
	if (!isUnit(f.handleUnit)) errors.handleUnit = 'invalid';
	else {
		const v = checkValue(f.handleValue, f.handleUnit);
		if (typeof v === 'string') errors.handleValue = v;
		else handle = { value: v, unit: f.handleUnit };
	}
	if (f.efficientValue.trim()) {
		if (!isUnit(f.efficientUnit)) errors.efficientUnit = 'invalid';
		else {
			const v = checkValue(f.efficientValue, f.efficientUnit);
			if (typeof v === 'string') errors.efficientValue = v;
			else efficient = { value: v, unit: f.efficientUnit };
		}
	}
	// Units differ in kind (working vs calendar time), so only limits in the same unit are compared.
	if (handle && efficient && efficient.unit === handle.unit && efficient.value > handle.value) {
		errors.efficientValue = 'efficient_over_handle';
	}
	if (Object.keys(errors).length) return { ok: false, errors };
	return {
		ok: true,
		value: { effectiveFrom: Math.max(f.effectiveFrom, now), handleLimit: handle, efficientLimit: efficient }
	};
}

/** Same limits (a "change" that changes nothing is refused rather than versioned). */
export function sameLimits(
	a: Pick<LimitVersion, 'handleLimit' | 'efficientLimit'>,
	b: Pick<LimitVersion, 'handleLimit' | 'efficientLimit'>
): boolean {
	const eq = (x: Limit | null, y: Limit | null) =>
		x === null ? y === null : y !== null && x.value === y.value && x.unit === y.unit;
	return eq(a.handleLimit, b.handleLimit) && eq(a.efficientLimit, b.efficientLimit);
}
