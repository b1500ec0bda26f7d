// The 12345 order state machine: which actions each status allows; the commands' own checks and
// steps are in hotline-commands.ts.
import type { HotlineAction, HotlineStatus } from './hotline-status';
import type { HotlineCommand, HotlineContext, HotlineState, HotlineTransitionResult } from './hotline-state';
import { HOTLINE_HANDLERS, reject, stepFrom, type Handler } from './hotline-commands';

export { openHotlineOrder, hotlineStageDeadline } from './hotline-stages';
export type {
	HotlineCommand,
	HotlineContext,
	HotlineEventDraft,
	HotlineRejection,
	HotlineState,
	HotlineTransitionResult
} from './hotline-state';

const OPEN: readonly HotlineStatus[] = [
	'received',
	'assigned',
	'handling',
	'return_requested',
	'extension_requested',
	'replied',
	'redo'
];

/** Which statuses each action may start from. Everything not listed is refused. */
export const HOTLINE_TRANSITIONS: Readonly<Record<HotlineAction, readonly HotlineStatus[]>> = {
	assign: ['received', 'assigned'], // from 'assigned' = 改派
	sign: ['assigned'],
	first_contact: ['handling'],
	reply: ['handling', 'redo'],
	request_return: ['assigned', 'handling'],
	approve_return: ['return_requested'],
	reject_return: ['return_requested'],
	request_extension: ['handling', 'redo'],
	approve_extension: ['extension_requested'],
	reject_extension: ['extension_requested'],
	supervise: OPEN,
	evaluate: ['replied']
};

export function isHotlineAllowed(action: HotlineAction, status: HotlineStatus): boolean {
	return HOTLINE_TRANSITIONS[action].includes(status);
}

export function hotlineActionsInState(status: HotlineStatus): HotlineAction[] {
	return (Object.keys(HOTLINE_TRANSITIONS) as HotlineAction[]).filter((a) => HOTLINE_TRANSITIONS[a].includes(status));
}

/**
 * The 12345 order state machine: (state, command, context) → next status and the changes to
 * persist, or a rejection. Pure: the caller supplies `now` and the calendar.
 */
export function applyHotlineCommand(
	state: HotlineState,
	cmd: HotlineCommand,
	ctx: HotlineContext
): HotlineTransitionResult {
	if (!isHotlineAllowed(cmd.action, state.status)) return reject('not_allowed_in_state');
	// The table pairs each action with the handler of its own command type; TypeScript cannot follow
	// that pairing through an index, hence the widened call.
	const handler = HOTLINE_HANDLERS[cmd.action] as Handler<HotlineAction>;
	return handler(stepFrom(state, cmd.action, ctx), cmd as never);
}
