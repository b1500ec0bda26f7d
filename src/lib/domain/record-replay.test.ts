import { describe, expect, it } from 'vitest';
import {
	replayRecord,
	type LoggedEvent,
	type ReplayKind,
	type ReplayMismatch,
	type StoredFacts
} from './record-replay';

const ev = (
	at: number,
	action: string,
	from: string | null,
	to: string,
	payload: Record<string, unknown> = {}
): LoggedEvent => ({ at, action, from, to, payload });
const closedCase: LoggedEvent[] = [
	ev(1, 'report', null, 'reported'),
	ev(2, 'accept', 'reported', 'accepted'),
	ev(3, 'supervise', 'accepted', 'accepted'),
	ev(4, 'void', 'accepted', 'void')
];
const caseRow: StoredFacts = { status: 'void', openedAt: 1, closedAt: 4, reworkCount: 0, supervised: 1 };
const order: LoggedEvent[] = [
	ev(10, 'receive', null, 'received'),
	ev(11, 'set_community', 'received', 'received', { to: 7 }),
	ev(12, 'link_case', 'received', 'received')
];
const orderRow: StoredFacts = { status: 'received', openedAt: 10, completedAt: null, communityId: 7 };
const enforcement: LoggedEvent[] = [
	ev(20, 'open', null, 'pending_notice'),
	ev(21, 'issue_notice', 'pending_notice', 'statement'),
	ev(22, 'decide', 'statement', 'awaiting_payment', { fine: 500 })
];
const enforcementRow: StoredFacts = {
	status: 'awaiting_payment',
	openedAt: 20,
	closedAt: null,
	noticeAt: 21,
	decisionAt: 22,
	fine: 500
};

const STORED: Record<ReplayKind, StoredFacts> = { case: caseRow, order: orderRow, enforcement: enforcementRow };
const LOGS: Record<ReplayKind, LoggedEvent[]> = { case: closedCase, order, enforcement };

describe('replaying a record against its event log', () => {
	it.each<[string, ReplayKind, StoredFacts, LoggedEvent[], ReplayMismatch | null]>([
		['a voided case that agrees', 'case', caseRow, closedCase, null],
		['an order moved to another 居民区', 'order', orderRow, order, null],
		['an enforcement case awaiting payment', 'enforcement', enforcementRow, enforcement, null],
		['a row with no events', 'case', caseRow, [], { field: 'events', stored: 'void', replayed: 'no events' }],
		[
			'a log that skips a status',
			'case',
			caseRow,
			[closedCase[0], closedCase[3]],
			{ field: 'event 2 (void) from', stored: 'accepted', replayed: 'reported' }
		],
		[
			'a first event that does not open',
			'case',
			caseRow,
			closedCase.slice(1),
			{ field: 'first event', stored: null, replayed: 'reported' }
		],
		[
			'an open case with a closing moment',
			'case',
			{ ...caseRow, status: 'accepted', closedAt: 4 },
			closedCase.slice(0, 3),
			{ field: 'closed at', stored: 4, replayed: null }
		],
		[
			'a completed order and its moment',
			'order',
			{ ...orderRow, status: 'completed', completedAt: 30 },
			[...order, ev(30, 'visit', 'received', 'completed')],
			null
		],
		[
			'a notice moment with no notice',
			'enforcement',
			{ ...enforcementRow, status: 'pending_notice', noticeAt: 21, decisionAt: null, fine: null },
			enforcement.slice(0, 1),
			{ field: 'notice at', stored: 21, replayed: null }
		]
	])('%s', (_, kind, row, events, expected) => {
		expect(replayRecord(kind, row, events)).toEqual(expected);
	});

	// One stored fact edited on a record whose whole log is kept: the replay names that fact.
	it.each<[string, ReplayKind, Partial<StoredFacts>, [field: string, stored: unknown, replayed: unknown]]>([
		['a status written without its event', 'case', { status: 'closed' }, ['status', 'closed', 'void']],
		['a report moment edited', 'case', { openedAt: 0 }, ['opened at', 0, 1]],
		['a closing moment not the closing event’s', 'case', { closedAt: 3 }, ['closed at', 3, 4]],
		['a 督办 flag without its event', 'case', { supervised: 0 }, ['supervised', 0, 1]],
		['a rework count without 核查不通过 events', 'case', { reworkCount: 2 }, ['rework count', 2, 0]],
		['a 居民区 changed without its event', 'order', { communityId: 8 }, ['community', 8, 7]],
		['a fine edited after the decision', 'enforcement', { fine: 600 }, ['fine', 600, 500]]
	])('%s', (_, kind, edit, [field, stored, replayed]) => {
		expect(replayRecord(kind, { ...STORED[kind], ...edit }, LOGS[kind])).toEqual({ field, stored, replayed });
	});
});
