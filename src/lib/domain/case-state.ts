// A grid case as the workflow sees it, the commands that change it and what a command results in.
import type { CaseAction, CaseStatus, ReturnReason, Urgency } from './case-status';
import type { Limit } from './deadlines';
import type { WorkCalendar } from './working-days';

/** The fields of a case the workflow reads and may change. */
export interface CaseState {
	status: CaseStatus;
	resumeStatus: CaseStatus | null;
	urgency: Urgency;
	/** The category's handling limit (处置时限); null for special campaigns with no fixed limit. */
	handleLimit: Limit | null;
	/**
	 * The efficient limit in force (高效处置时限): the category's own or the default from
	 * `efficientLimitOf`; null when there is no handling limit.
	 */
	efficientLimit: Limit | null;
	departmentId: number | null;
	dispatchedAt: number | null;
	deadlineAt: number | null;
	/** 高效处置 deadline: set with `deadlineAt` from `efficientLimit`, moved by 挂账, never by 延期. */
	efficientDeadlineAt: number | null;
	stageStartedAt: number;
	stageDeadlineAt: number | null;
	stageWarnAt: number | null;
	parkedAt: number | null;
	requestedDeadlineAt: number | null;
	feedbackAt: number | null;
	closedAt: number | null;
	reworkCount: number;
	supervised: boolean;
}

export type CaseCommand =
	| { action: 'accept'; note?: string }
	| { action: 'void'; reason: string }
	| {
			action: 'register';
			categoryCode: string;
			urgency: Urgency;
			handleLimit: Limit | null;
			/** The category's own efficient limit; null means the default (half the handling limit). */
			efficientLimit: Limit | null;
			note?: string;
	  }
	| { action: 'dispatch'; departmentId: number; note?: string }
	| { action: 'sign'; note?: string }
	| { action: 'feedback'; note: string; photoCount: number }
	| { action: 'request_return'; reasonCode: ReturnReason; note: string }
	| { action: 'approve_return'; note?: string }
	| { action: 'reject_return'; note: string }
	| { action: 'request_extension'; reason: string; proposedDeadline: number }
	| { action: 'approve_extension'; note?: string; approvedDeadline?: number }
	| { action: 'reject_extension'; note: string }
	| { action: 'park'; reason: string }
	| { action: 'unpark'; note?: string }
	| { action: 'check_pass'; note?: string; photoCount: number }
	| { action: 'check_fail'; note: string; photoCount: number }
	| { action: 'close'; note?: string }
	| { action: 'supervise'; note: string };

export type Rejection =
	| 'not_allowed_in_state'
	| 'reason_required'
	| 'photo_required'
	| 'deadline_not_later'
	| 'deadline_in_past'
	| 'required';

/** The event to append: what happened, from → to, with a note and structured payload. */
export interface CaseEventDraft {
	action: CaseAction | 'report' | 'self_handle';
	from: CaseStatus | null;
	to: CaseStatus;
	note: string | null;
	payload: Record<string, unknown>;
}

export type TransitionResult =
	| { ok: true; next: CaseStatus; changes: Partial<CaseState> & { categoryCode?: string }; event: CaseEventDraft }
	| { ok: false; reason: Rejection };

export interface WorkflowContext {
	now: number;
	calendar: WorkCalendar;
}
