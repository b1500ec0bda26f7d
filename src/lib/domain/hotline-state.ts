// The 12345 order as the workflow sees it, and the commands that change it.
import type { Limit } from './deadlines';
import type {
	ContactMethod,
	ContactOutcome,
	HotlineAction,
	HotlineReturnReason,
	HotlineStatus,
	Satisfaction
} from './hotline-status';
import type { WorkCalendar } from './working-days';

/** The fields of a 12345 order the workflow reads and may change. Instants are ms UTC, null when unset. */
export interface HotlineState {
	status: HotlineStatus;
	resumeStatus: HotlineStatus | null;
	/** The order type's limit (咨询/建议 1 wd, 求助/投诉 5 wd, …). */
	orderLimit: Limit;
	/** 派单时间: the 办结 clock's start. */
	receivedAt: number;
	departmentId: number | null;
	assignedAt: number | null;
	signedAt: number | null;
	/** 先行联系 due: 1 wd after 签收. */
	firstContactDueAt: number | null;
	firstContactAt: number | null;
	contactOutcome: ContactOutcome | null;
	contactMethod: ContactMethod | null;
	/** 办结 deadline (replaced by an approved 延期, shortened by 督办). */
	deadlineAt: number;
	/** 75 % (yellow) instant of the current step. */
	warnAt: number | null;
	requestedDeadlineAt: number | null;
	firstReplyAt: number | null;
	lastReplyAt: number | null;
	replyResolved: boolean | null;
	redoDeadlineAt: number | null;
	redoCount: number;
	returnApprovedAt: number | null;
	supervisedAt: number | null;
	satisfaction: Satisfaction | null;
	completedAt: number | null;
	/** Whether the order carries a usable phone number. */
	hasPhone: boolean;
}

export type HotlineCommand =
	| { action: 'assign'; departmentId: number; note?: string }
	| { action: 'sign'; note?: string }
	| {
			action: 'first_contact';
			at: number;
			outcome: ContactOutcome;
			method?: ContactMethod | null;
			summary?: string | null;
	  }
	| { action: 'reply'; resolved: boolean; text: string }
	| { action: 'request_return'; reasonCode: HotlineReturnReason; note: string; evidenceCount: number }
	| { action: 'approve_return'; note?: string }
	| { action: 'reject_return'; note: string }
	| { action: 'request_extension'; proposedDeadline: number; reason: string }
	| { action: 'approve_extension'; note?: string; approvedDeadline?: number }
	| { action: 'reject_extension'; note: string }
	| { action: 'supervise'; note: string }
	| { action: 'evaluate'; satisfaction: Satisfaction; resolvedConfirmed: boolean; note?: string };

export type HotlineRejection =
	| 'not_allowed_in_state'
	| 'reason_required'
	| 'evidence_required'
	| 'first_contact_required'
	| 'already_contacted'
	| 'contact_time_invalid'
	| 'deadline_not_later'
	| 'deadline_in_past'
	| 'extension_too_long'
	| 'invalid_input';

export interface HotlineEventDraft {
	action: HotlineAction;
	from: HotlineStatus;
	to: HotlineStatus;
	note: string | null;
	payload: Record<string, unknown>;
}

export type HotlineTransitionResult =
	| { ok: true; next: HotlineStatus; changes: Partial<HotlineState>; event: HotlineEventDraft }
	| { ok: false; reason: HotlineRejection };

export interface HotlineContext {
	now: number;
	calendar: WorkCalendar;
}
