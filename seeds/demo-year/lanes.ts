import { shanghaiDate } from '../../src/lib/domain/working-days';

/**
 * Runs items in `lanes` concurrent lanes, each lane taking whole days in order, so photo encoding
 * and file writes overlap with database work while everything numbered per day (case codes) is
 * still numbered in the same order on every run.
 */
export async function inDayLanes<T>(
	items: readonly T[],
	at: (item: T) => number,
	lanes: number,
	run: (item: T, index: number) => Promise<void>
): Promise<void> {
	const byLane: { item: T; index: number }[][] = Array.from({ length: lanes }, () => []);
	const dayIndex = new Map<string, number>();
	items.forEach((item, index) => {
		const day = shanghaiDate(at(item));
		if (!dayIndex.has(day)) dayIndex.set(day, dayIndex.size);
		byLane[dayIndex.get(day)! % lanes].push({ item, index });
	});
	await Promise.all(
		byLane.map(async (lane) => {
			for (const { item, index } of lane) await run(item, index);
		})
	);
}
