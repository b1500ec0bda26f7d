import { expect, it } from 'vitest';
import { yearGrid } from './calendar-grid';

it('lays out a year as Sunday-first weeks, marking days off, make-up workdays and weekends', () => {
	const grid = yearGrid(2026, ['2026-10-01', '2026-10-02'], ['2026-10-10']);
	expect(grid).toHaveLength(12);
	const oct = grid[9];
	expect(oct.month).toBe(10);
	// 2026-10-01 is a Thursday: four empty cells first.
	expect(oct.weeks[0].slice(0, 4)).toEqual([null, null, null, null]);
	expect(oct.weeks[0][4]).toEqual({ date: '2026-10-01', day: 1, kind: 'off' });
	expect(oct.weeks[0][6]).toEqual({ date: '2026-10-03', day: 3, kind: 'weekend' });
	expect(oct.weeks[1][6]).toEqual({ date: '2026-10-10', day: 10, kind: 'makeup' });
	expect(oct.weeks[1][1]).toEqual({ date: '2026-10-05', day: 5, kind: 'work' });
	expect(oct.weeks.flat().filter(Boolean)).toHaveLength(31);
	expect(grid[1].weeks.flat().filter(Boolean)).toHaveLength(28);
	expect(grid.every((g) => g.weeks.every((w) => w.length === 7))).toBe(true);
});
