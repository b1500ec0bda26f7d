// Fines and the late-payment surcharge (加处罚款). All amounts are integer 分 (fen).
import { addDays, shanghaiDate } from './working-days';

export interface FineRange {
	min: number;
	max: number;
}

/** 行政处罚法 §72(一): 3 % of the fine per day late, never more than the fine itself. */
export const SURCHARGE_PER_DAY = 0.03;

export function isFineInRange(fine: number, range: FineRange): boolean {
	return Number.isInteger(fine) && fine >= range.min && fine <= range.max;
}

/** Whole days from the last day of the payment period (its 24:00 deadline) to `paidOn`. */
export function daysLate(paymentDueAt: number, paidOn: string): number {
	const lastDay = shanghaiDate(paymentDueAt - 1);
	let n = 0;
	for (let d = lastDay; d < paidOn && n < 10_000; d = addDays(d, 1)) n++;
	return n;
}

export function surcharge(fine: number, late: number): number {
	return Math.min(fine, Math.round(fine * SURCHARGE_PER_DAY * Math.max(0, late)));
}

/** What must be paid on `paidOn`: the fine plus the surcharge for the days late. */
export function amountDue(
	fine: number,
	paymentDueAt: number,
	paidOn: string
): { fine: number; surcharge: number; total: number; daysLate: number } {
	const late = daysLate(paymentDueAt, paidOn);
	const extra = surcharge(fine, late);
	return { fine, surcharge: extra, total: fine + extra, daysLate: late };
}

/** '¥1,234.50'-free plain text for documents: 1234.50 元 → '1234.50'. */
export function formatYuan(fen: number): string {
	const sign = fen < 0 ? '-' : '';
	const abs = Math.abs(fen);
	return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** Parses '500', '500.5', '500.50' (元) into 分; null when not a plain non-negative amount. */
export function parseYuan(text: string): number | null {
	const t = text.trim();
	if (!/^\d{1,9}(\.\d{1,2})?$/.test(t)) return null;
	const [whole, frac = ''] = t.split('.');
	return Number(whole) * 100 + Number(frac.padEnd(2, '0'));
}
