// The period the statistics queries read, as instants. Its own module so that stats.ts (the period
// loaders) and stat-rows.ts (the rows of chosen records) both use it without importing each other.
import { addDays, shanghaiMidnight } from '$lib/domain/working-days';

/** [fromMs, toMs): midnight (Asia/Shanghai) of the first day to midnight after the last. */
export interface Span {
	fromMs: number;
	toMs: number;
}

export const spanOf = (from: string, to: string): Span => ({
	fromMs: shanghaiMidnight(from),
	toMs: shanghaiMidnight(addDays(to, 1))
});
