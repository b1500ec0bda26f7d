import { addDays, isValidDate, shanghaiMidnight } from '$lib/domain/working-days';
import { text } from '$lib/server/form';

// Extensions are weeks, not centuries: a far date is a typo (and beyond date arithmetic).
const MAX_DATE = '2099-12-31';

export type DayEnd = { ok: true; value: number | null } | { ok: false; code: 'invalid' };

/**
 * A date field (YYYY-MM-DD) read as the end of that day — 24:00 Asia/Shanghai, like a 工作日 limit.
 * An empty field is null; the caller decides whether that is allowed.
 */
export function dayEndField(form: FormData, name: string): DayEnd {
	const date = text(form, name).trim();
	if (!date) return { ok: true, value: null };
	if (!isValidDate(date) || date > MAX_DATE) return { ok: false, code: 'invalid' };
	return { ok: true, value: shanghaiMidnight(addDays(date, 1)) };
}
