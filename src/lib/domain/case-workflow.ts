// The grid-flow state machine: which actions each status allows; the commands' own checks and steps
// are in case-commands.ts.
import type { CaseAction, CaseStatus } from './case-status';
import type { CaseCommand, CaseState, TransitionResult, WorkflowContext } from './case-state';
import { CASE_HANDLERS, reject, stepFrom, type Handler } from './case-commands';

export type {
	CaseCommand,
	CaseEventDraft,
	CaseState,
	Rejection,
	TransitionResult,
	WorkflowContext
} from './case-state';

/** Which statuses each action may start from. Everything not listed is refused. */
export const TRANSITIONS: Readonly<Record<CaseAction, readonly CaseStatus[]>> = {
	accept: ['reported'],
	void: ['reported', 'accepted', 'registered'],
	register: ['accepted'],
	dispatch: ['registered'],
	sign: ['dispatched'],
	feedback: ['handling'],
	request_return: ['dispatched', 'handling'],
	approve_return: ['return_requested'],
	reject_return: ['return_requested'],
	request_extension: ['handling'],
	approve_extension: ['extension_requested'],
	reject_extension: ['extension_requested'],
	park: ['dispatched', 'handling'],
	unpark: ['parked'],
	check_pass: ['feedback'],
	check_fail: ['feedback'],
	close: ['checked'],
	supervise: [
		'reported',
		'accepted',
		'registered',
		'dispatched',
		'handling',
		'return_requested',
		'extension_requested',
		'parked',
		'feedback',
		'checked'
	]
};

export function isAllowedInState(action: CaseAction, status: CaseStatus): boolean {
	return TRANSITIONS[action].includes(status);
}

/** The actions whose start state matches: what the case page may offer before the role filter. */
export function actionsInState(status: CaseStatus): CaseAction[] {
	return (Object.keys(TRANSITIONS) as CaseAction[]).filter((a) => TRANSITIONS[a].includes(status));
}

/**
 * The grid-flow state machine: (state, command, context) → next state and the changes to persist,
 * or a rejection. Pure: the caller supplies `now` and the calendar, and persists the result.
 */
export function applyCaseCommand(state: CaseState, cmd: CaseCommand, ctx: WorkflowContext): TransitionResult {
	if (!isAllowedInState(cmd.action, state.status)) return reject('not_allowed_in_state');
	// The table pairs each action with the handler of its own command type; TypeScript cannot follow
	// that pairing through an index, hence the widened call.
	const handler = CASE_HANDLERS[cmd.action] as Handler<CaseAction>;
	return handler(stepFrom(state, cmd.action, ctx), cmd as never);
}
