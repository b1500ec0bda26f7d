// The 工作总结 paragraph of a period, from the same figures the statistics page shows.
import { buildWorkSummary, type SummaryInput, type SummaryPiece } from '$lib/domain/work-summary';
import { summaryWords, type SummaryLocale } from '$lib/work-summary-words';
import type { StatsResult } from './block';

export function workSummaryInput(r: Pick<StatsResult, 'from' | 'to' | 'total'>): SummaryInput {
	const { rates, volumes } = r.total;
	return {
		from: r.from,
		to: r.to,
		ordersReceived: volumes.orders_received,
		firstContact: rates.first_contact,
		hotlineOnTime: rates.hotline_on_time,
		gridReported: volumes.reported,
		gridOnTime: rates.grid_on_time,
		gridEfficient: rates.grid_efficient,
		stockStructures: volumes.stock_structures_closed,
		enforcementOpened: volumes.enforcement_opened
	};
}

/** The paragraph in both languages, Chinese first. */
export function workSummaries(
	r: Pick<StatsResult, 'from' | 'to' | 'total'>
): { locale: SummaryLocale; pieces: SummaryPiece[] }[] {
	const input = workSummaryInput(r);
	return (['zh', 'en'] as const).map((locale) => ({ locale, pieces: buildWorkSummary(input, summaryWords(locale)) }));
}
