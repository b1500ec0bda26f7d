import { isEnforcementStatus, type EnforcementOutcome } from '$lib/domain/enforcement-status';
import type { EnforcementState } from '$lib/domain/enforcement-workflow';
import type { Updateable } from 'kysely';
import type { EnforcementCaseRow } from '../../db/schema';
import type { EnforcementCaseTable } from '../../db/schema-enforcement';

export function toEnforcementState(r: EnforcementCaseRow): EnforcementState {
	if (!isEnforcementStatus(r.status)) throw new Error(`enforcement case ${r.id} has unknown status ${r.status}`);
	return {
		status: r.status,
		outcome: r.outcome as EnforcementOutcome | null,
		shopId: r.shop_id,
		createdAt: r.created_at,
		notifiedAt: r.notified_at,
		rectifyDueAt: r.rectify_due_at,
		registeredAt: r.registered_at,
		decisionDueAt: r.decision_due_at,
		partyConfirmedAt: r.party_confirmed_at,
		noticeAt: r.notice_at,
		proposedFine: r.proposed_fine,
		statementDueAt: r.statement_due_at,
		statementAt: r.statement_at,
		decisionAt: r.decision_at,
		fine: r.fine,
		paymentDueAt: r.payment_due_at,
		paidOn: r.paid_on,
		paidAmount: r.paid_amount,
		closedAt: r.closed_at,
		stageStartedAt: r.stage_started_at,
		stageDeadlineAt: r.stage_deadline_at,
		stageWarnAt: r.stage_warn_at
	};
}

const COLUMN: { [K in keyof EnforcementState]: keyof EnforcementCaseTable } = {
	status: 'status',
	outcome: 'outcome',
	shopId: 'shop_id',
	createdAt: 'created_at',
	notifiedAt: 'notified_at',
	rectifyDueAt: 'rectify_due_at',
	registeredAt: 'registered_at',
	decisionDueAt: 'decision_due_at',
	partyConfirmedAt: 'party_confirmed_at',
	noticeAt: 'notice_at',
	proposedFine: 'proposed_fine',
	statementDueAt: 'statement_due_at',
	statementAt: 'statement_at',
	decisionAt: 'decision_at',
	fine: 'fine',
	paymentDueAt: 'payment_due_at',
	paidOn: 'paid_on',
	paidAmount: 'paid_amount',
	closedAt: 'closed_at',
	stageStartedAt: 'stage_started_at',
	stageDeadlineAt: 'stage_deadline_at',
	stageWarnAt: 'stage_warn_at'
};

export function toEnforcementUpdate(changes: Partial<EnforcementState>): Updateable<EnforcementCaseTable> {
	const out: Record<string, unknown> = {};
	for (const [k, v] of Object.entries(changes)) out[COLUMN[k as keyof EnforcementState]] = v;
	return out as Updateable<EnforcementCaseTable>;
}
