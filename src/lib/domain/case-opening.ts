import type { CaseSource, Urgency } from './case-status';
import { stageClock } from './case-stages';
import type { CaseEventDraft, CaseState } from './case-workflow';
import { computeDeadline, type Limit } from './deadlines';
import { efficientLimitOf } from './efficient-limit';
import type { WorkCalendar } from './working-days';

export interface OpeningInput {
	/** 上报 waits for 受理; 自行处置 (self-handled on the spot, with an after photo) goes straight to 核查. */
	mode: 'report' | 'self_handle';
	source: CaseSource;
	urgency: Urgency;
	handleLimit: Limit | null;
	/** The category's own efficient limit; null means the default (half the handling limit). */
	efficientLimit: Limit | null;
	beforePhotos: number;
	afterPhotos: number;
	note: string | null;
}

export type OpeningResult =
	{ ok: true; state: CaseState; event: CaseEventDraft } | { ok: false; reason: 'photo_required' };

/** The first state and event of a new grid-flow case. */
export function openCase(input: OpeningInput, now: number, calendar: WorkCalendar): OpeningResult {
	if (input.mode === 'self_handle' && input.afterPhotos < 1) return { ok: false, reason: 'photo_required' };
	const selfHandled = input.mode === 'self_handle';
	const status = selfHandled ? 'feedback' : 'reported';
	// A self-handled case was handled at once: its handling clock ran from the report itself.
	const deadlineAt = selfHandled && input.handleLimit ? computeDeadline(now, input.handleLimit, calendar) : null;
	const efficientLimit = efficientLimitOf(input.handleLimit, input.efficientLimit);
	const efficientDeadlineAt = selfHandled && efficientLimit ? computeDeadline(now, efficientLimit, calendar) : null;
	const state: CaseState = {
		status,
		resumeStatus: null,
		urgency: input.urgency,
		handleLimit: input.handleLimit,
		efficientLimit,
		departmentId: null,
		dispatchedAt: selfHandled ? now : null,
		deadlineAt,
		efficientDeadlineAt,
		stageStartedAt: now,
		...stageClock(status, now, { urgency: input.urgency, deadlineAt, handleLimit: input.handleLimit }, calendar),
		parkedAt: null,
		requestedDeadlineAt: null,
		feedbackAt: selfHandled ? now : null,
		closedAt: null,
		reworkCount: 0,
		supervised: false
	};
	return {
		ok: true,
		state,
		event: {
			action: selfHandled ? 'self_handle' : 'report',
			from: null,
			to: status,
			note: input.note,
			payload: { source: input.source, beforePhotos: input.beforePhotos, afterPhotos: input.afterPhotos }
		}
	};
}
