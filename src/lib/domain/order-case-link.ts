// A 12345 order that needs the street (a pothole, rubbish, a broken lamp) becomes a grid-flow case,
// or joins a case already open for the same problem nearby, so two crews are not sent to one
// spot. The order keeps its own deadline and its own 答复; the case only lends its outcome.
import { OPEN_STATUSES, type CaseStatus } from './case-status';
import { distanceMeters } from './geo';
import { OPEN_HOTLINE_STATUSES, type HotlineStatus } from './hotline-status';

/** How far from the order an open case of the same category is offered to join (GridCase rule). */
export const LINK_RADIUS_M = 200;

/** The source of a grid case opened from a 12345 order (来源: 12345 热线). */
export const HOTLINE_CASE_SOURCE = 'hotline';

export type LinkRejection =
	'order_closed' | 'already_linked' | 'case_closed' | 'category_mismatch' | 'too_far' | 'no_point';

export interface LinkableOrder {
	status: HotlineStatus;
	linkedCaseId: number | null;
	categoryCode: string | null;
	lng: number | null;
	lat: number | null;
}

export interface CandidateCase {
	id: number;
	status: CaseStatus;
	categoryCode: string;
	lng: number;
	lat: number;
	reportedAt: number;
}

/** An order may become (or join) a case while the street still works on it: not once answered, closed or returned. */
export function checkOrderLinkable(order: LinkableOrder): LinkRejection | null {
	if (order.linkedCaseId !== null) return 'already_linked';
	if (!OPEN_HOTLINE_STATUSES.includes(order.status) || order.status === 'replied') return 'order_closed';
	return null;
}

/** Whether the order may join this case: open, same category, within the radius of the order's point. */
export function checkJoin(order: LinkableOrder, target: CandidateCase, radius = LINK_RADIUS_M): LinkRejection | null {
	const own = checkOrderLinkable(order);
	if (own) return own;
	if (!OPEN_STATUSES.includes(target.status)) return 'case_closed';
	if (order.categoryCode === null || order.categoryCode !== target.categoryCode) return 'category_mismatch';
	if (order.lng === null || order.lat === null) return 'no_point';
	if (distanceMeters([order.lng, order.lat], [target.lng, target.lat]) > radius) return 'too_far';
	return null;
}

/** The open cases the order may join, newest first (the same problem reported again is usually recent). */
export function pickCandidates<C extends CandidateCase>(
	order: LinkableOrder,
	cases: readonly C[],
	radius = LINK_RADIUS_M
): (C & { distance: number })[] {
	if (order.lng === null || order.lat === null) return [];
	const at: [number, number] = [order.lng, order.lat];
	return cases
		.filter((c) => checkJoin(order, c, radius) === null)
		.map((c) => ({ ...c, distance: Math.round(distanceMeters(at, [c.lng, c.lat])) }))
		.sort((a, b) => b.reportedAt - a.reportedAt || b.id - a.id);
}

export interface CaseOutcome {
	status: CaseStatus;
	/** The accepted 处置反馈's note (what was done). */
	feedbackNote: string | null;
	closedAt: number | null;
}

/** The draft 答复 a closed case offers its order: what was done, as the handler wrote it. Null until 结案. */
export function draftReplyFrom(outcome: CaseOutcome): string | null {
	if (outcome.status !== 'closed') return null;
	const note = outcome.feedbackNote?.trim();
	return note ? note : null;
}
