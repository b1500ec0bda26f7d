// The integer-day core must give exactly what the plain day-by-day string walk gives. The walk is
// kept here as the reference: slow and obvious, parsing and formatting 'YYYY-MM-DD' every day.
import { describe, it, expect } from 'vitest';
import { computeDeadline, extendForPause, warningInstant, type LimitUnit } from './deadlines';
import {
	addWorkingDays,
	addWorkingMs,
	createCalendar,
	isValidDate,
	isWorkday,
	shanghaiMidnight,
	weekday,
	workingMsBetween,
	type WorkCalendar
} from './working-days';
import * as cn from './fixtures/calendar-cn';

const DAY = 86_400_000;
const H = 3_600_000;
const OFF = 8 * H;

const ref = {
	fmt(ms: number): string {
		const d = new Date(ms);
		const p = (n: number, w = 2) => String(n).padStart(w, '0');
		return `${p(d.getUTCFullYear(), 4)}-${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())}`;
	},
	parse(s: string): number | null {
		const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
		if (!m) return null;
		const ms = new Date(0).setUTCFullYear(+m[1], +m[2] - 1, +m[3]);
		return ref.fmt(ms) === s ? ms : null;
	},
	ms(s: string): number {
		const ms = ref.parse(s);
		if (ms === null) throw new RangeError(s);
		return ms;
	},
	date: (ms: number) => ref.fmt(ms + OFF),
	midnight: (s: string) => ref.ms(s) - OFF,
	next: (s: string) => ref.fmt(ref.ms(s) + DAY),
	isWorkday(s: string, cal: WorkCalendar): boolean {
		if (cal.makeupWorkdays.has(s)) return true;
		const wd = new Date(ref.ms(s)).getUTCDay();
		return wd >= 1 && wd <= 5 && !cal.offDays.has(s);
	},
	spans: (cal: WorkCalendar) =>
		cal.workingHours.map(([a, b]) => [a, b].map((x) => (+x.slice(0, 2) * 60 + +x.slice(3)) * 60_000)),
	addWorkingDays(s: string, n: number, cal: WorkCalendar): string {
		let d = s;
		for (let left = n; left > 0;) if (ref.isWorkday((d = ref.next(d)), cal)) left--;
		return d;
	},
	between(from: number, to: number, cal: WorkCalendar): number {
		let total = 0;
		for (let d = ref.date(from); to > from && ref.midnight(d) < to; d = ref.next(d)) {
			if (!ref.isWorkday(d, cal)) continue;
			const mid = ref.midnight(d);
			for (const [a, b] of ref.spans(cal)) total += Math.max(0, Math.min(to, mid + b) - Math.max(from, mid + a));
		}
		return total;
	},
	add(start: number, ms: number, cal: WorkCalendar): number {
		let left = ms;
		for (let d = ref.date(start); ; d = ref.next(d)) {
			if (!ref.isWorkday(d, cal)) continue;
			const mid = ref.midnight(d);
			for (const [a, b] of ref.spans(cal)) {
				const from = Math.max(start, mid + a);
				if (mid + b <= from) continue;
				if (left <= mid + b - from) return from + left;
				left -= mid + b - from;
			}
		}
	},
	deadline(start: number, value: number, unit: LimitUnit, cal: WorkCalendar): number {
		if (unit === 'h24') return start + Math.round(value * H);
		if (unit === 'wh') return ref.add(start, Math.round(value * H), cal);
		return ref.midnight(ref.next(ref.addWorkingDays(ref.date(start), value, cal)));
	},
	warn(start: number, deadline: number, unit: LimitUnit, cal: WorkCalendar): number {
		if (unit === 'h24') return start + Math.ceil(((deadline - start) * 3) / 4);
		const w = ref.between(start, deadline, cal);
		return w > 0 ? ref.add(start, Math.ceil((w * 3) / 4), cal) : start;
	},
	extend(deadline: number, from: number, to: number, unit: LimitUnit, cal: WorkCalendar): number {
		if (!(to > from)) return deadline;
		if (unit === 'h24') return deadline + (to - from);
		if (unit === 'wh') {
			const p = ref.between(from, to, cal);
			return p === 0 ? deadline : ref.add(deadline, p, cal);
		}
		let p = 0;
		for (let d = ref.date(from); d < ref.date(to); d = ref.next(d)) if (ref.isWorkday(d, cal)) p++;
		if (p === 0) return deadline;
		const date = ref.date(deadline - 1);
		return ref.midnight(ref.addWorkingDays(date, p, cal)) + deadline - ref.midnight(date);
	}
};

/** Seeded, so a failure names a case that reproduces. */
function rng(seed: number): () => number {
	let s = seed;
	return () => (s = (s * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648;
}

const calendars: Array<[string, WorkCalendar]> = [
	['official', createCalendar(cn)],
	[
		'odd hours',
		createCalendar({
			...cn,
			workingHours: [
				['08:30', '11:45'],
				['13:07', '17:30'],
				['19:00', '24:00']
			]
		})
	],
	[
		'no holidays',
		createCalendar({ offDays: [], makeupWorkdays: [], lastYear: 2026, workingHours: [['00:00', '24:00']] })
	],
	[
		'off and make-up on one day',
		createCalendar({
			offDays: ['2026-05-06', '2026-05-07'],
			makeupWorkdays: ['2026-05-06', '2026-05-09'],
			lastYear: 2026
		})
	]
];

describe.each(calendars)('integer core matches the day-by-day string walk (%s calendar)', (_name, cal) => {
	const from = Date.parse('2022-12-01T00:00:00+08:00');
	/** Instants over 2022-12 … 2028: whole quarter hours, plain ms and fractional ms. */
	const instants = (random: () => number, n: number): number[] =>
		Array.from({ length: n }, () => {
			const r = random();
			const at = from + random() * 6 * 365 * DAY;
			return r < 0.5 ? at - (at % (15 * 60_000)) : r < 0.9 ? Math.floor(at) : at;
		});

	it('isWorkday for every date 2022–2028', () => {
		for (let d = '2022-01-01'; d < '2029-01-01'; d = ref.next(d))
			expect(isWorkday(d, cal), d).toBe(ref.isWorkday(d, cal));
	});

	it('addWorkingDays', () => {
		const random = rng(1);
		for (const at of instants(random, 2000)) {
			const d = ref.date(at);
			const n = Math.floor(random() * 30);
			expect(addWorkingDays(d, n, cal), `${d} + ${n}`).toBe(ref.addWorkingDays(d, n, cal));
		}
	});

	it('workingMsBetween and addWorkingMs', () => {
		const random = rng(2);
		for (const a of instants(random, 2000)) {
			const b = random() < 0.1 ? a - random() * DAY : a + random() * 40 * DAY;
			expect(workingMsBetween(a, b, cal), `${a}..${b}`).toBe(ref.between(a, b, cal));
			const ms = random() < 0.5 ? Math.floor(random() * 80) * 15 * 60_000 : random() * 60 * H;
			expect(addWorkingMs(a, ms, cal), `${a} + ${ms}`).toBe(ref.add(a, ms, cal));
		}
	});

	it('computeDeadline, warningInstant and extendForPause', () => {
		const random = rng(3);
		const units: LimitUnit[] = ['wd', 'wh', 'h24'];
		for (const start of instants(random, 2000)) {
			const unit = units[Math.floor(random() * 3)];
			const value = unit === 'wd' ? Math.floor(random() * 25) : Math.round(random() * 80) / 4;
			const due = computeDeadline(start, { value, unit }, cal);
			const name = `${start} + ${value} ${unit}`;
			expect(due, name).toBe(ref.deadline(start, value, unit, cal));
			expect(warningInstant(start, due, unit, cal), name).toBe(ref.warn(start, due, unit, cal));
			const [pFrom, pTo] = [start + random() * 10 * DAY, start + random() * 20 * DAY];
			expect(extendForPause(due, pFrom, pTo, unit, cal), `${name} paused ${pFrom}..${pTo}`).toBe(
				ref.extend(due, pFrom, pTo, unit, cal)
			);
		}
	});
});

describe('date parsing matches the regex-and-Date reference', () => {
	it.each([
		'2024-02-29',
		'2023-02-29',
		'0000-02-29',
		'0100-02-29',
		'0400-02-29',
		'1900-02-29',
		'9999-12-31',
		'0000-01-01',
		'2026-00-01',
		'2026-13-01',
		'2026-01-00',
		'2026-01-32',
		'2026-04-31',
		'2026-1-01',
		' 2026-01-01',
		'2026-01-01\n',
		'２０２６-01-01',
		'2026/01/01',
		'2026-01-1a',
		'+02026-01-1',
		'10000-01-01',
		''
	])('%j', (s) => {
		expect(isValidDate(s)).toBe(ref.parse(s) !== null);
		if (ref.parse(s) !== null) {
			expect(shanghaiMidnight(s)).toBe(ref.midnight(s));
			expect(weekday(s)).toBe(new Date(ref.ms(s)).getUTCDay());
		} else expect(() => shanghaiMidnight(s)).toThrow(RangeError);
	});

	it('every 13th date from 0000 to 9999', () => {
		const wrong: string[] = []; // collected, as 280 000 separate expects take seconds
		for (let ms = ref.ms('0000-01-01'); ms <= ref.ms('9999-12-31'); ms += 13 * DAY) {
			const s = ref.fmt(ms);
			if (shanghaiMidnight(s) !== ms - OFF || weekday(s) !== new Date(ms).getUTCDay()) wrong.push(s);
		}
		expect(wrong).toEqual([]);
	});
});
