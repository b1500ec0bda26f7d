// 工作总结: the paragraph leadership puts in its year-end (or monthly) summary, written from the
// figures the statistics already computed. The wording is a message (one per language); this module
// decides the scope words, formats each figure and cuts the sentence into text and figure pieces so
// that each figure can link to the list of cases it counts.
import { rateBasisPoints, type RateCount } from './rates';

/** The figures of the paragraph, in the order they are read. */
export const SUMMARY_FIGURES = [
	'orders_received',
	'first_contact',
	'hotline_on_time',
	'grid_reported',
	'grid_on_time',
	'grid_efficient',
	'stock_structures',
	'enforcement_opened'
] as const;
export type SummaryFigure = (typeof SUMMARY_FIGURES)[number];

/** Where a figure's cases are listed: a part of a rate, or a volume. */
export type SummaryLink =
	| { rate: 'first_contact' | 'hotline_on_time' | 'grid_on_time' | 'grid_efficient'; part: 'denominator' }
	| { volume: 'orders_received' | 'reported' | 'stock_structures_closed' | 'enforcement_opened' };

export const SUMMARY_LINKS: Record<SummaryFigure, SummaryLink> = {
	orders_received: { volume: 'orders_received' },
	first_contact: { rate: 'first_contact', part: 'denominator' },
	hotline_on_time: { rate: 'hotline_on_time', part: 'denominator' },
	grid_reported: { volume: 'reported' },
	grid_on_time: { rate: 'grid_on_time', part: 'denominator' },
	grid_efficient: { rate: 'grid_efficient', part: 'denominator' },
	stock_structures: { volume: 'stock_structures_closed' },
	enforcement_opened: { volume: 'enforcement_opened' }
};

export interface SummaryInput {
	from: string;
	to: string;
	ordersReceived: number;
	firstContact: RateCount;
	hotlineOnTime: RateCount;
	gridReported: number;
	gridOnTime: RateCount;
	gridEfficient: RateCount;
	stockStructures: number;
	enforcementOpened: number;
}

/** 全年 for a calendar year, 本月 for a calendar month, otherwise the dates themselves. */
export type SummaryScope =
	{ kind: 'year'; year: string } | { kind: 'month'; month: string } | { kind: 'range'; from: string; to: string };

const lastDayOfMonth = (ym: string) => {
	const [y, mo] = ym.split('-').map(Number);
	return String(new Date(Date.UTC(y, mo, 0)).getUTCDate()).padStart(2, '0');
};

export function summaryScope(from: string, to: string): SummaryScope {
	const year = from.slice(0, 4);
	if (from === `${year}-01-01` && to === `${year}-12-31`) return { kind: 'year', year };
	const ym = from.slice(0, 7);
	if (from === `${ym}-01` && to === `${ym}-${lastDayOfMonth(ym)}`) return { kind: 'month', month: ym };
	return { kind: 'range', from, to };
}

/** A rate as a summary writes it: '97.35%', '100%', '70.1%' (no trailing zeros); '—' when nothing was decided. */
export function summaryRate(c: Pick<RateCount, 'numerator' | 'denominator'>): string {
	const bp = rateBasisPoints(c);
	if (bp === null) return '—';
	const decimals = String(bp % 100)
		.padStart(2, '0')
		.replace(/0+$/, '');
	return `${Math.floor(bp / 100)}${decimals ? `.${decimals}` : ''}%`;
}

/** A piece of the paragraph: plain text, or a figure with the number of cases its list holds. */
export type SummaryPiece = { text: string } | { text: string; figure: SummaryFigure; count: number; link: SummaryLink };

/** What the caller supplies in one language: the scope words and the sentence with a slot per figure. */
export interface SummaryWords {
	scope: (s: SummaryScope) => string;
	sentence: (slots: Record<SummaryFigure | 'scope', string>) => string;
}

const MARK = '\u0001';

/** The paragraph in pieces. The sentence is rendered with markers in the slots and cut at them, so a language may order the figures as it likes. */
export function buildWorkSummary(input: SummaryInput, words: SummaryWords): SummaryPiece[] {
	const figures: Record<SummaryFigure, { text: string; count: number }> = {
		orders_received: { text: String(input.ordersReceived), count: input.ordersReceived },
		first_contact: { text: summaryRate(input.firstContact), count: input.firstContact.denominator },
		hotline_on_time: { text: summaryRate(input.hotlineOnTime), count: input.hotlineOnTime.denominator },
		grid_reported: { text: String(input.gridReported), count: input.gridReported },
		grid_on_time: { text: summaryRate(input.gridOnTime), count: input.gridOnTime.denominator },
		grid_efficient: { text: summaryRate(input.gridEfficient), count: input.gridEfficient.denominator },
		stock_structures: { text: String(input.stockStructures), count: input.stockStructures },
		enforcement_opened: { text: String(input.enforcementOpened), count: input.enforcementOpened }
	};
	const slots = Object.fromEntries(SUMMARY_FIGURES.map((f) => [f, `${MARK}${f}${MARK}`])) as Record<
		SummaryFigure,
		string
	>;
	const rendered = words.sentence({ ...slots, scope: words.scope(summaryScope(input.from, input.to)) });
	const pieces: SummaryPiece[] = [];
	rendered.split(MARK).forEach((part, i) => {
		if (i % 2 === 1 && (SUMMARY_FIGURES as readonly string[]).includes(part)) {
			const figure = part as SummaryFigure;
			pieces.push({ text: figures[figure].text, figure, count: figures[figure].count, link: SUMMARY_LINKS[figure] });
		} else if (part) pieces.push({ text: part });
	});
	return pieces;
}

/** The paragraph as plain text (what the copy button puts on the clipboard). */
export const summaryText = (pieces: SummaryPiece[]): string => pieces.map((p) => p.text).join('');
