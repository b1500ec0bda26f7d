import type { CaseStatus, Urgency } from '$lib/domain/case-status';
import type { CaseState } from '$lib/domain/case-workflow';
import type { Limit } from '$lib/domain/deadlines';
import { efficientLimitOf } from '$lib/domain/efficient-limit';
import type { CaseRow, CaseUpdate } from '../db/schema';
import { toLimit } from '../repositories/category-limits';
import type { CaseScope } from '$lib/domain/access';

/** Row → the workflow's view of a case, with the limits the case took (an unset efficient limit gets its default here). */
export function toCaseState(row: CaseRow): CaseState {
	const handleLimit = toLimit(row.handle_value, row.handle_unit);
	return {
		status: row.status as CaseStatus,
		resumeStatus: row.resume_status as CaseStatus | null,
		urgency: row.urgency as Urgency,
		handleLimit,
		efficientLimit: efficientLimitOf(handleLimit, toLimit(row.efficient_value, row.efficient_unit)),
		departmentId: row.department_id,
		dispatchedAt: row.dispatched_at,
		deadlineAt: row.deadline_at,
		efficientDeadlineAt: row.efficient_deadline_at,
		stageStartedAt: row.stage_started_at,
		stageDeadlineAt: row.stage_deadline_at,
		stageWarnAt: row.stage_warn_at,
		parkedAt: row.parked_at,
		requestedDeadlineAt: row.requested_deadline_at,
		feedbackAt: row.feedback_at,
		closedAt: row.closed_at,
		reworkCount: row.rework_count,
		supervised: row.supervised === 1
	};
}

export function toCaseScope(row: CaseRow, categoryTrack: string): CaseScope {
	return {
		areaId: row.area_id,
		communityId: row.community_id,
		departmentId: row.department_id,
		handlerId: row.handler_id,
		reporterId: row.reporter_id,
		categoryTrack
	};
}

/** The workflow's changes → columns. Only fields present in `changes` are written. */
export function toCaseUpdate(changes: Partial<CaseState> & { categoryCode?: string }): CaseUpdate {
	const u: CaseUpdate = {};
	const map: [keyof typeof changes, keyof CaseUpdate, ((v: unknown) => unknown)?][] = [
		['status', 'status'],
		['resumeStatus', 'resume_status'],
		['urgency', 'urgency'],
		['categoryCode', 'category_code'],
		['departmentId', 'department_id'],
		['dispatchedAt', 'dispatched_at'],
		['deadlineAt', 'deadline_at'],
		['efficientDeadlineAt', 'efficient_deadline_at'],
		['stageStartedAt', 'stage_started_at'],
		['stageDeadlineAt', 'stage_deadline_at'],
		['stageWarnAt', 'stage_warn_at'],
		['parkedAt', 'parked_at'],
		['requestedDeadlineAt', 'requested_deadline_at'],
		['feedbackAt', 'feedback_at'],
		['closedAt', 'closed_at'],
		['reworkCount', 'rework_count'],
		['supervised', 'supervised', (v) => (v ? 1 : 0)]
	];
	for (const [from, to, convert] of map) {
		if (from in changes) (u as Record<string, unknown>)[to] = convert ? convert(changes[from]) : changes[from];
	}
	// Limits change only when the case takes a (new) category: 立案 re-categorises it.
	if ('handleLimit' in changes || 'efficientLimit' in changes)
		Object.assign(u, limitColumns(changes.handleLimit ?? null, changes.efficientLimit ?? null));
	return u;
}

/** The limits a case keeps, as columns (migration 009). */
export function limitColumns(handle: Limit | null, efficient: Limit | null) {
	return {
		handle_value: handle?.value ?? null,
		handle_unit: handle?.unit ?? null,
		efficient_value: efficient?.value ?? null,
		efficient_unit: efficient?.unit ?? null
	};
}
