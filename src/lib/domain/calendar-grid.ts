// A year as month grids for display: weeks of seven cells (Sunday first), each day marked as a
// day off, a make-up workday, a weekend or a plain workday. Pure.
import { addDays, weekday } from './working-days';

export type DayKind = 'off' | 'makeup' | 'weekend' | 'work';
export interface DayCell {
	date: string;
	day: number;
	kind: DayKind;
}
export interface MonthGrid {
	month: number;
	weeks: (DayCell | null)[][];
}

export function yearGrid(year: number, offDays: readonly string[], makeupWorkdays: readonly string[]): MonthGrid[] {
	const off = new Set(offDays);
	const makeup = new Set(makeupWorkdays);
	const months: MonthGrid[] = [];
	for (let month = 1; month <= 12; month++) {
		const first = `${year}-${String(month).padStart(2, '0')}-01`;
		const cells: (DayCell | null)[] = Array.from({ length: weekday(first) }, () => null);
		for (let d = first; d.startsWith(first.slice(0, 8)); d = addDays(d, 1)) {
			const w = weekday(d);
			const kind: DayKind = off.has(d) ? 'off' : makeup.has(d) ? 'makeup' : w === 0 || w === 6 ? 'weekend' : 'work';
			cells.push({ date: d, day: Number(d.slice(8)), kind });
		}
		while (cells.length % 7) cells.push(null);
		months.push({ month, weeks: Array.from({ length: cells.length / 7 }, (_, i) => cells.slice(i * 7, i * 7 + 7)) });
	}
	return months;
}
