import { hotlineStageDeadline, type HotlineState } from '$lib/domain/hotline-workflow';
import type { ContactMethod, ContactOutcome, HotlineStatus, Satisfaction } from '$lib/domain/hotline-status';
import type { LimitUnit } from '$lib/domain/deadlines';
import type { HotlineOrderRow } from '../db/schema';
import type { HotlineOrderTable } from '../db/schema-hotline';
import type { Updateable } from 'kysely';

const bool = (v: number | null) => (v === null ? null : v === 1);

export function toHotlineState(r: HotlineOrderRow): HotlineState {
	return {
		status: r.status as HotlineStatus,
		resumeStatus: r.resume_status as HotlineStatus | null,
		orderLimit: { value: r.limit_value, unit: r.limit_unit as LimitUnit },
		receivedAt: r.received_at,
		departmentId: r.department_id,
		assignedAt: r.assigned_at,
		signedAt: r.signed_at,
		firstContactDueAt: r.first_contact_due_at,
		firstContactAt: r.first_contact_at,
		contactOutcome: r.contact_outcome as ContactOutcome | null,
		contactMethod: r.contact_method as ContactMethod | null,
		deadlineAt: r.deadline_at,
		warnAt: r.warn_at,
		requestedDeadlineAt: r.requested_deadline_at,
		firstReplyAt: r.first_reply_at,
		lastReplyAt: r.last_reply_at,
		replyResolved: bool(r.reply_resolved),
		redoDeadlineAt: r.redo_deadline_at,
		redoCount: r.redo_count,
		returnApprovedAt: r.return_approved_at,
		supervisedAt: r.supervised_at,
		satisfaction: r.satisfaction as Satisfaction | null,
		completedAt: r.completed_at,
		hasPhone: r.has_phone === 1
	};
}

const COLUMNS: Record<keyof HotlineState, keyof HotlineOrderTable | null> = {
	status: 'status',
	resumeStatus: 'resume_status',
	orderLimit: null,
	receivedAt: 'received_at',
	departmentId: 'department_id',
	assignedAt: 'assigned_at',
	signedAt: 'signed_at',
	firstContactDueAt: 'first_contact_due_at',
	firstContactAt: 'first_contact_at',
	contactOutcome: 'contact_outcome',
	contactMethod: 'contact_method',
	deadlineAt: 'deadline_at',
	warnAt: 'warn_at',
	requestedDeadlineAt: 'requested_deadline_at',
	firstReplyAt: 'first_reply_at',
	lastReplyAt: 'last_reply_at',
	replyResolved: 'reply_resolved',
	redoDeadlineAt: 'redo_deadline_at',
	redoCount: 'redo_count',
	returnApprovedAt: 'return_approved_at',
	supervisedAt: 'supervised_at',
	satisfaction: 'satisfaction',
	completedAt: 'completed_at',
	hasPhone: 'has_phone'
};

/** The workflow's changes → columns, plus the current step's due instant for queues and sorting. */
export function toHotlineUpdate(prev: HotlineState, changes: Partial<HotlineState>): Updateable<HotlineOrderTable> {
	const u: Record<string, unknown> = {};
	for (const [key, value] of Object.entries(changes) as [keyof HotlineState, unknown][]) {
		const column = COLUMNS[key];
		if (!column) continue;
		u[column] = typeof value === 'boolean' ? (value ? 1 : 0) : value;
	}
	u.due_at = hotlineStageDeadline({ ...prev, ...changes });
	return u as Updateable<HotlineOrderTable>;
}
