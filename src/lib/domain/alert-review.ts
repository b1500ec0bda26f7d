// Reviewing a camera alert (人工复核): a false alarm with a reason, a grid-flow case, or — for the
// enforcement-eligible categories (占道无证照经营, 跨门营业) — a non-onsite enforcement case.

export const FALSE_ALARM_REASONS = ['no_violation', 'misdetected', 'already_gone', 'out_of_area', 'other'] as const;
export type FalseAlarmReason = (typeof FALSE_ALARM_REASONS)[number];

export type AlertStatus = 'pending' | 'false_alarm' | 'case' | 'enforcement' | 'attached';

export type ReviewDecision =
	| { kind: 'false_alarm'; reason: string; note: string }
	| { kind: 'case'; categoryCode: string; description: string }
	| { kind: 'enforcement'; categoryCode: string; description: string };

export type ReviewRejection =
	'not_pending' | 'reason_required' | 'note_required' | 'description_required' | 'not_enforcement_category';

export const ENFORCEMENT_TRACK = 'enforcement-eligible';

/** Checks a review against the alert it decides; the chosen category's track comes from the caller. */
export function checkReview(
	status: string,
	decision: ReviewDecision,
	chosenTrack: string | null
): ReviewRejection | null {
	if (status !== 'pending') return 'not_pending';
	switch (decision.kind) {
		case 'false_alarm':
			if (!(FALSE_ALARM_REASONS as readonly string[]).includes(decision.reason)) return 'reason_required';
			// "Other" says nothing by itself: the note must.
			if (decision.reason === 'other' && !decision.note.trim()) return 'note_required';
			return null;
		case 'case':
			return decision.description.trim() ? null : 'description_required';
		case 'enforcement':
			if (chosenTrack !== ENFORCEMENT_TRACK) return 'not_enforcement_category';
			return decision.description.trim() ? null : 'description_required';
	}
}
