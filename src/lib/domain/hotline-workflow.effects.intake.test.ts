import { describe, expect, it } from 'vitest';
import { hotlineStageDeadline, openHotlineOrder } from './hotline-workflow';
import { warningInstant, type Limit } from './deadlines';
import { at, cal, endOf, HOUR } from './fixtures/time';
import { apply, NOT_CONTACTED, ok, stateIn, VALID } from './hotline-workflow.fixtures';
import {
	COMPLAINT,
	COMPLEX,
	CONSULT,
	CONTACT_DUE,
	DEADLINE,
	NOW,
	RECEIVED_AT,
	WARN
} from './fixtures/hotline-timeline';

// Opening an order and the first steps: the 办结 deadline on the official calendar, 派单, 签收 and the 先行联系 clock.
// The other steps: hotline-workflow.effects.*.test.ts; shared set-up: hotline-workflow.fixtures.ts.

describe('effects: opening, 派单, 签收 and 先行联系', () => {
	it('openHotlineOrder: a 投诉 (5 wd) received 2026-09-30 10:00 is due at the end of 2026-10-13', () => {
		// 10-01..10-07 holiday, 10-08 Thu wd1, 10-09 Fri wd2, 10-10 Sat 调休 wd3, (10-11 Sun) 10-12 wd4, 10-13 wd5.
		const s = openHotlineOrder({ receivedAt: at('2026-09-30 10:00'), orderLimit: COMPLAINT, hasPhone: true }, cal);
		expect(s).toMatchObject({
			status: 'received',
			deadlineAt: endOf('2026-10-13'),
			redoCount: 0,
			hasPhone: true,
			departmentId: null
		});
		// 41 working hours (6 on 09-30 + 5 × 7); 75 % = 30.75 h → 10-12 13:45.
		expect(s.warnAt).toBe(at('2026-10-12 13:45'));
		expect(hotlineStageDeadline(s)).toBe(endOf('2026-10-13'));
	});

	const OPENING: ReadonlyArray<readonly [string, Limit, string, string]> = [
		['咨询 1 wd on the eve of National Day', CONSULT, '2026-09-30 16:00', '2026-10-08'],
		['咨询 1 wd on 2026-02-13 → the Saturday make-up day', CONSULT, '2026-02-13 09:00', '2026-02-14'],
		['咨询 1 wd received on a holiday counts from the next working day', CONSULT, '2026-10-03 11:00', '2026-10-08'],
		[
			'投诉 5 wd received at 23:59 counts from that day: 09-30, 10-08, 10-09, 10-10, 10-12',
			COMPLAINT,
			'2026-09-29 23:59',
			'2026-10-12'
		],
		['投诉 5 wd received at 00:01 Shanghai (16:01 UTC the day before)', COMPLAINT, '2026-09-30 00:01', '2026-10-13'],
		['复杂事项 15 wd', COMPLEX, '2026-09-28 09:00', '2026-10-23']
	];
	it.each(OPENING)('openHotlineOrder: %s', (_label, orderLimit, received, due) => {
		expect(openHotlineOrder({ receivedAt: at(received), orderLimit, hasPhone: false }, cal).deadlineAt).toBe(
			endOf(due)
		);
	});

	it('assign records department and time; 改派 keeps the running warning', () => {
		const r = ok(apply(stateIn('received'), { action: 'assign', departmentId: 9, note: ' 请办理 ' }));
		expect(r.changes).toMatchObject({ departmentId: 9, assignedAt: NOW, warnAt: WARN });
		expect(r.event).toEqual({
			action: 'assign',
			from: 'received',
			to: 'assigned',
			note: '请办理',
			payload: { departmentId: 9, previousDepartmentId: null }
		});
		const again = ok(apply(stateIn('assigned'), { action: 'assign', departmentId: 11 }));
		expect(again.event.payload).toEqual({ departmentId: 11, previousDepartmentId: 7 });
		expect(again.changes.deadlineAt).toBeUndefined();
	});

	const FRIDAYS: ReadonlyArray<readonly [string, string, string]> = [
		['Friday evening before an ordinary weekend', '2026-10-16 19:00', '2026-10-19'],
		['Friday evening before the 2026-09-20 Sunday make-up day', '2026-09-18 19:30', '2026-09-20'],
		['Friday evening before the 2026-10-10 Saturday make-up day', '2026-10-09 18:00', '2026-10-10'],
		['Thursday evening before 中秋 (09-25 off)', '2026-09-24 20:00', '2026-09-28'],
		['the eve of National Day', '2026-09-30 21:00', '2026-10-08']
	];
	it.each(FRIDAYS)('sign on %s: 先行联系 due at the end of the next working day', (_label, when, due) => {
		const r = ok(apply(stateIn('assigned'), VALID.sign, at(when)));
		expect(r.changes).toMatchObject({ status: 'handling', signedAt: at(when), firstContactDueAt: endOf(due) });
		expect(r.event.payload).toEqual({ firstContactDueAt: endOf(due) });
	});

	it('sign: the step is 先行联系, yellow at 75 % of its working time', () => {
		// Signed Fri 10-16 19:00, due Mon 10-19 24:00: 7 working hours; 75 % = 5.25 h → 15:15.
		const r = ok(apply(stateIn('assigned'), VALID.sign, at('2026-10-16 19:00')));
		expect(r.changes.warnAt).toBe(at('2026-10-19 15:15'));
		expect(hotlineStageDeadline({ ...stateIn('assigned'), ...r.changes })).toBe(endOf('2026-10-19'));
	});

	it('first_contact stores time, outcome, method and summary; the step becomes the 办结 deadline', () => {
		const r = ok(apply(stateIn('handling', NOT_CONTACTED), { ...VALID.first_contact, summary: ' 已电话联系 ' }));
		expect(r.next).toBe('handling');
		expect(r.changes).toMatchObject({
			firstContactAt: NOW - HOUR,
			contactOutcome: 'contacted',
			contactMethod: 'phone'
		});
		expect(r.changes.warnAt).toBe(warningInstant(RECEIVED_AT, DEADLINE, 'wd', cal));
		expect(r.event).toEqual({
			action: 'first_contact',
			from: 'handling',
			to: 'handling',
			note: '已电话联系',
			payload: { at: NOW - HOUR, outcome: 'contacted', method: 'phone', onTime: true }
		});
		const late = ok(
			apply(stateIn('handling', NOT_CONTACTED), { ...VALID.first_contact, at: CONTACT_DUE + 1 }, CONTACT_DUE + HOUR)
		);
		expect(late.event.payload).toMatchObject({ onTime: false });
	});
});
