// For a simple case the dispatcher does 受理, 立案 and 派遣 on one screen. It is still three steps of
// the workflow, each checked by the same state machine and each its own event; one refusal refuses
// all three, so the case never stops half-way (accepted but not filed) because of this screen.
import type { Urgency } from './case-status';
import {
	applyCaseCommand,
	type CaseCommand,
	type CaseEventDraft,
	type CaseState,
	type Rejection,
	type WorkflowContext
} from './case-workflow';
import type { Limit } from './deadlines';

export interface FastTrackInput {
	categoryCode: string;
	urgency: Urgency;
	/** The chosen category's limits in force now (the service reads them). */
	handleLimit: Limit | null;
	efficientLimit: Limit | null;
	departmentId: number;
	/** The dispatcher's instruction, kept on the 派遣 event. */
	note?: string;
}

export const FAST_TRACK_STEPS = ['accept', 'register', 'dispatch'] as const;
export type FastTrackStep = (typeof FAST_TRACK_STEPS)[number];

export type FastTrackResult =
	| {
			ok: true;
			next: CaseState['status'];
			changes: Partial<CaseState> & { categoryCode?: string };
			events: CaseEventDraft[];
	  }
	| { ok: false; step: FastTrackStep; reason: Rejection };

/** 受理 + 立案 + 派遣 at one instant: the three transitions in order, their changes merged, their three events. */
export function applyFastTrack(state: CaseState, input: FastTrackInput, ctx: WorkflowContext): FastTrackResult {
	const commands: CaseCommand[] = [
		{ action: 'accept' },
		{
			action: 'register',
			categoryCode: input.categoryCode,
			urgency: input.urgency,
			handleLimit: input.handleLimit,
			efficientLimit: input.efficientLimit
		},
		{ action: 'dispatch', departmentId: input.departmentId, note: input.note }
	];
	let current = state;
	let changes: Partial<CaseState> & { categoryCode?: string } = {};
	const events: CaseEventDraft[] = [];
	for (const cmd of commands) {
		const r = applyCaseCommand(current, cmd, ctx);
		if (!r.ok) return { ok: false, step: cmd.action as FastTrackStep, reason: r.reason };
		const { categoryCode, ...stateChanges } = r.changes;
		current = { ...current, ...stateChanges };
		changes = { ...changes, ...r.changes, ...(categoryCode === undefined ? {} : { categoryCode }) };
		events.push(r.event);
	}
	return { ok: true, next: current.status, changes, events };
}
