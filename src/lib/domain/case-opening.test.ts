import { describe, expect, it } from 'vitest';
import { openCase, type OpeningInput } from './case-opening';
import { applyCaseCommand } from './case-workflow';
import { STAGE_LIMITS } from './case-stages';
import { computeDeadline } from './deadlines';
import type { CaseState } from './case-workflow';
import { at, cal } from './fixtures/time';

const base: OpeningInput = {
	mode: 'report',
	source: 'patrol',
	urgency: '一般',
	handleLimit: { value: 4, unit: 'wh' },
	efficientLimit: null,
	beforePhotos: 2,
	afterPhotos: 0,
	note: '人行道暴露垃圾'
};

function opened(input: OpeningInput, now: number) {
	const r = openCase(input, now, cal);
	if (!r.ok) throw new Error(r.reason);
	return r;
}
const selfHandle: OpeningInput = { ...base, mode: 'self_handle', afterPhotos: 1, note: '已现场清理' };

/** What differs between the ways a case comes in. */
type WayIn = Pick<
	CaseState,
	'status' | 'dispatchedAt' | 'deadlineAt' | 'efficientDeadlineAt' | 'stageDeadlineAt' | 'stageWarnAt' | 'feedbackAt'
>;
/** The whole state a new case lands in: what every way in sets alike, then what its way sets. */
const landed = (now: number, over: WayIn): CaseState => ({
	resumeStatus: null,
	urgency: '一般',
	handleLimit: { value: 4, unit: 'wh' },
	efficientLimit: { value: 2, unit: 'wh' }, // the default: half of 4 wh
	departmentId: null,
	stageStartedAt: now,
	parkedAt: null,
	requestedDeadlineAt: null,
	closedAt: null,
	reworkCount: 0,
	supervised: false,
	...over
});

describe('openCase: where a new case lands, whole state and event', () => {
	it.each([
		{
			way: '上报 lands in reported with a 0.5 wh 受理 deadline',
			input: base,
			when: '2026-09-29 10:00',
			state: {
				status: 'reported',
				dispatchedAt: null,
				deadlineAt: null, // the handling clock starts at 派遣
				efficientDeadlineAt: null,
				stageDeadlineAt: at('2026-09-29 10:30'),
				// 75 % of 30 working minutes.
				stageWarnAt: at('2026-09-29 10:22') + 30_000,
				feedbackAt: null
			},
			event: {
				action: 'report',
				to: 'reported',
				note: '人行道暴露垃圾',
				payload: { source: 'patrol', beforePhotos: 2, afterPhotos: 0 }
			}
		},
		{
			way: '自行处置 lands in feedback with feedbackAt = dispatchedAt = now, waiting for 核查',
			input: selfHandle,
			when: '2026-09-29 11:00',
			state: {
				status: 'feedback',
				dispatchedAt: at('2026-09-29 11:00'),
				feedbackAt: at('2026-09-29 11:00'),
				// 4 wh handling clock from the report: 11:00–12:00 + 13:00–16:00; 2 wh efficient clock: 11:00–12:00 + 13:00–14:00.
				deadlineAt: at('2026-09-29 16:00'),
				efficientDeadlineAt: at('2026-09-29 14:00'),
				// 2 wh 核查: 11:00–12:00 + 13:00–14:00.
				stageDeadlineAt: at('2026-09-29 14:00'),
				// 75 % of 2 working hours is 90 working minutes: 11:00–12:00 + 13:00–13:30.
				stageWarnAt: at('2026-09-29 13:30')
			},
			event: {
				action: 'self_handle',
				to: 'feedback',
				note: '已现场清理',
				payload: { source: 'patrol', beforePhotos: 2, afterPhotos: 1 }
			}
		}
	] as const)('$way', ({ input, when, state, event }) => {
		const r = opened(input, at(when));
		expect(r.state).toEqual(landed(at(when), state));
		expect(r.event).toEqual({ from: null, ...event });
	});
});

describe('openCase: 上报', () => {
	it('受理 is 0.5 wh', () => {
		expect(STAGE_LIMITS.accept).toEqual({ value: 0.5, unit: 'wh' });
	});

	it.each([
		['during lunch: counts from 13:00', '2026-09-29 12:10', '2026-09-29 13:30'],
		['just before lunch: 15 min + 15 min', '2026-09-29 11:45', '2026-09-29 13:15'],
		['after hours: next working morning', '2026-09-29 18:00', '2026-09-30 09:30'],
		['16:45 before National Day: 15 min now, 15 min on 2026-10-08', '2026-09-30 16:45', '2026-10-08 09:15'],
		['on the Saturday make-up workday 2026-10-10', '2026-10-10 10:00', '2026-10-10 10:30']
	])('0.5 wh 受理 deadline %s', (_label, now, due) => {
		const r = opened(base, at(now));
		expect(r.state.stageDeadlineAt).toBe(at(due));
		expect(r.state.stageDeadlineAt).toBe(computeDeadline(at(now), STAGE_LIMITS.accept, cal));
	});

	it('紧急 does not shorten 受理 (only 签收 is natural-time for urgent cases)', () => {
		const r = opened({ ...base, urgency: '紧急' }, at('2026-09-29 16:50'));
		expect(r.state.stageDeadlineAt).toBe(at('2026-09-30 09:20'));
		// 10 working minutes left on the day, 20 the next morning: yellow at 75 % of 30, i.e. 09:12:30.
		expect(r.state.stageWarnAt).toBe(at('2026-09-30 09:12') + 30_000);
	});

	it('needs no photos and no category limit yet', () => {
		const r = opened({ ...base, beforePhotos: 0, handleLimit: null, note: null }, at('2026-09-29 10:00'));
		expect(r.state.status).toBe('reported');
		expect(r.event.note).toBeNull();
	});

	it('the new case can be accepted', () => {
		const r = opened(base, at('2026-09-29 10:00'));
		const next = applyCaseCommand(r.state, { action: 'accept' }, { now: at('2026-09-29 10:10'), calendar: cal });
		expect(next.ok && next.next).toBe('accepted');
	});
});

describe('openCase: 自行处置', () => {
	it.each([0, -1])('without an after photo (%i) → photo_required, and nothing else', (afterPhotos) => {
		expect(openCase({ ...selfHandle, afterPhotos }, at('2026-09-29 10:00'), cal)).toStrictEqual({
			ok: false,
			reason: 'photo_required'
		});
	});

	it('without a category limit it has no handling deadline but still a 核查 step', () => {
		const now = at('2026-09-30 16:00');
		const r = opened({ ...selfHandle, handleLimit: null }, now);
		expect(r.state.deadlineAt).toBeNull();
		// 1 h on 09-30, 1 h on 2026-10-08 after the National Day break.
		expect(r.state.stageDeadlineAt).toBe(at('2026-10-08 10:00'));
	});

	it('its efficient clock also ran from the report: half of 4 wh, or the category’s own limit', () => {
		const now = at('2026-09-29 11:00');
		// 2 wh: 11:00–12:00 + 13:00–14:00.
		expect(opened(selfHandle, now).state).toMatchObject({
			efficientLimit: { value: 2, unit: 'wh' },
			efficientDeadlineAt: at('2026-09-29 14:00')
		});
		const own = opened({ ...selfHandle, efficientLimit: { value: 1, unit: 'h24' } }, now).state;
		expect(own).toMatchObject({
			efficientLimit: { value: 1, unit: 'h24' },
			efficientDeadlineAt: at('2026-09-29 12:00')
		});
		expect(
			opened({ ...selfHandle, handleLimit: null, efficientLimit: { value: 1, unit: 'h24' } }, now).state
		).toMatchObject({
			efficientLimit: null,
			efficientDeadlineAt: null
		});
	});

	it('is checked by someone else next: check_pass and close work on it', () => {
		const r = opened(selfHandle, at('2026-09-29 11:00'));
		const passed = applyCaseCommand(
			r.state,
			{ action: 'check_pass', photoCount: 1 },
			{ now: at('2026-09-29 13:30'), calendar: cal }
		);
		expect(passed.ok && passed.next).toBe('checked');
	});
});
