// The words of the 工作总结 paragraph in one language, from the messages (see domain/work-summary.ts).
import type { SummaryWords } from '$lib/domain/work-summary';
import { m } from '$lib/paraglide/messages';

export type SummaryLocale = 'zh' | 'en';

export function summaryWords(locale: SummaryLocale): SummaryWords {
	const opts = { locale };
	return {
		scope: (s) =>
			s.kind === 'year'
				? m.stats_summary_scope_year({ year: s.year }, opts)
				: s.kind === 'month'
					? m.stats_summary_scope_month({}, opts)
					: m.stats_summary_scope_range({ from: s.from, to: s.to }, opts),
		sentence: (slots) => m.stats_summary_sentence(slots, opts)
	};
}
