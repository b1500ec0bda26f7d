import type { Limit } from './deadlines';

/**
 * The efficient limit (高效处置时限) a grid case is judged against for the 高效处置率:
 * the category's own efficient limit when it has one, otherwise half its handling limit in the
 * same unit. Null when the category has no handling limit (special campaigns): no clock, no rate.
 *
 * GridCase rule for the default, because a `wd` deadline counts whole working days only:
 * - `wh` and `h24`: value / 2 in the same unit (4 wh → 2 wh, 2 h24 → 1 h24, 1 wh → 0.5 wh);
 * - `wd`, v ≥ 2: floor(v / 2) wd (5 wd → 2 wd, 3 wd → 1 wd, 2 wd → 1 wd);
 * - `wd`, v = 1: 4 wh (half a working day, in working hours);
 * - `wd`, v = 0 (end of the start date): 0 wd.
 */
export function efficientLimitOf(handle: Limit | null, efficient: Limit | null): Limit | null {
	if (handle === null) return null;
	if (efficient !== null) return efficient;
	const { value, unit } = handle;
	if (unit !== 'wd') return { value: value / 2, unit };
	if (value === 1) return { value: 4, unit: 'wh' };
	return { value: Math.floor(value / 2), unit: 'wd' };
}
