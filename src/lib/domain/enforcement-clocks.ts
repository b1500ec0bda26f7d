// The legal clocks of a non-onsite enforcement case (行政处罚法), and GridCase's own step limits.
import { computeDeadline, warningInstant, type Limit, type LimitUnit } from './deadlines';
import type { EnforcementStatus } from './enforcement-status';
import { addDays, isWorkday, shanghaiDate, shanghaiMidnight, type WorkCalendar } from './working-days';

/** The numbers of the track; GridCase rules are marked and kept here so the UI can show them. */
export const ENFORCEMENT_LIMITS = {
	notify: { value: 1, unit: 'wh' }, // 先行告知 within 1 working hour of the review (GridCase rule)
	rectifyMinutes: 30, // 先行告知整改 period, natural minutes (GridCase rule; the admin can change it)
	register: { value: 1, unit: 'wd' }, // 立案 after a failed re-check (GridCase rule)
	confirmParty: { value: 1, unit: 'wd' }, // 当事人确认 (GridCase rule)
	issueNotice: { value: 1, unit: 'wd' }, // 告知书 after confirmation (GridCase rule)
	statement: { value: 3, unit: 'wd' }, // 陈述申辩 window (GridCase rule; 行政处罚法 §85: "三日" means working days)
	decisionDays: 90, // 处罚决定 within 90 days of 立案 (行政处罚法 §60)
	paymentDays: 15, // 缴款 within 15 days of the decision (行政处罚法 §67)
	close: { value: 1, unit: 'wd' } // 结案 after payment (GridCase rule)
} as const;

/**
 * End of a period of `days` natural days counted from the day after `startMs` (the start day is
 * not counted). When the last day is not a working day, the period ends on the next working day
 * (期间届满的最后一日为法定节假日的，以节假日后的第一日为期间届满日).
 */
export function naturalDaysDeadline(startMs: number, days: number, cal: WorkCalendar): number {
	let last = addDays(shanghaiDate(startMs), days);
	for (let guard = 0; !isWorkday(last, cal) && guard < 30; guard++) last = addDays(last, 1);
	return shanghaiMidnight(addDays(last, 1));
}

export function statementDeadline(noticeAt: number, cal: WorkCalendar): number {
	return computeDeadline(noticeAt, ENFORCEMENT_LIMITS.statement, cal);
}
export function decisionDeadline(registeredAt: number, cal: WorkCalendar): number {
	return naturalDaysDeadline(registeredAt, ENFORCEMENT_LIMITS.decisionDays, cal);
}
export function paymentDeadline(decisionAt: number, cal: WorkCalendar): number {
	return naturalDaysDeadline(decisionAt, ENFORCEMENT_LIMITS.paymentDays, cal);
}
export function rectifyDeadline(notifiedAt: number, minutes: number = ENFORCEMENT_LIMITS.rectifyMinutes): number {
	return notifiedAt + minutes * 60_000;
}

/** The clock a status runs on: which legal step it is, when it started, when it ends. */
export type ClockKind =
	'notify' | 'rectify' | 'register' | 'confirm_party' | 'issue_notice' | 'statement' | 'decision' | 'payment' | 'close';

export interface LegalClock {
	kind: ClockKind;
	startedAt: number;
	deadlineAt: number;
	warnAt: number;
}

/** The dates a clock is computed from. */
export interface ClockDates {
	stageStartedAt: number;
	rectifyDueAt: number | null;
	registeredAt: number | null;
	decisionDueAt: number | null;
	statementDueAt: number | null;
	noticeAt: number | null;
	decisionAt: number | null;
	paymentDueAt: number | null;
}

function limited(kind: ClockKind, start: number, limit: Limit, cal: WorkCalendar): LegalClock {
	const deadlineAt = computeDeadline(start, limit, cal);
	return { kind, startedAt: start, deadlineAt, warnAt: warningInstant(start, deadlineAt, limit.unit, cal) };
}
function fixed(kind: ClockKind, start: number, deadlineAt: number, unit: LimitUnit, cal: WorkCalendar): LegalClock {
	return { kind, startedAt: start, deadlineAt, warnAt: warningInstant(start, deadlineAt, unit, cal) };
}

/** The current clock of a case in `status`, or null when nothing is running (closed, cancelled). */
export function currentClock(status: EnforcementStatus, d: ClockDates, cal: WorkCalendar): LegalClock | null {
	const s = d.stageStartedAt;
	switch (status) {
		case 'pending_notice':
			return limited('notify', s, ENFORCEMENT_LIMITS.notify, cal);
		case 'rectifying':
			return d.rectifyDueAt === null ? null : fixed('rectify', s, d.rectifyDueAt, 'h24', cal);
		case 'pending_register':
			return limited('register', s, ENFORCEMENT_LIMITS.register, cal);
		case 'registered':
			return limited('confirm_party', s, ENFORCEMENT_LIMITS.confirmParty, cal);
		case 'party_confirmed':
			return limited('issue_notice', s, ENFORCEMENT_LIMITS.issueNotice, cal);
		case 'statement':
			return d.statementDueAt === null ? null : fixed('statement', d.noticeAt ?? s, d.statementDueAt, 'wd', cal);
		case 'pending_decision':
			return d.decisionDueAt === null ? null : fixed('decision', d.registeredAt ?? s, d.decisionDueAt, 'h24', cal);
		case 'awaiting_payment':
			return d.paymentDueAt === null ? null : fixed('payment', d.decisionAt ?? s, d.paymentDueAt, 'h24', cal);
		case 'paid':
			return limited('close', s, ENFORCEMENT_LIMITS.close, cal);
		case 'closed':
		case 'cancelled':
			return null;
	}
}

const CLOCK_OF: Record<EnforcementStatus, ClockKind | null> = {
	pending_notice: 'notify',
	rectifying: 'rectify',
	pending_register: 'register',
	registered: 'confirm_party',
	party_confirmed: 'issue_notice',
	statement: 'statement',
	pending_decision: 'decision',
	awaiting_payment: 'payment',
	paid: 'close',
	closed: null,
	cancelled: null
};

/** Which clock a status runs on, for lists that show its name beside the deadline. */
export function clockKindOf(status: string): ClockKind | null {
	return (CLOCK_OF as Record<string, ClockKind | null | undefined>)[status] ?? null;
}
