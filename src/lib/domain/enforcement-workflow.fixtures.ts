import {
	openEnforcement,
	type EnforcementCommand,
	type EnforcementContext,
	type EnforcementState
} from './enforcement-workflow';
import type { EnforcementStatus } from './enforcement-status';
import { at, cal } from './fixtures/time';

export const T0 = at('2026-09-29 10:00'); // a Tuesday before the National Day break
export const RANGE = { min: 10_000, max: 100_000 }; // 100–1000 元 in 分
export const ctxAt = (now: number): EnforcementContext => ({
	now,
	calendar: cal,
	fineRange: RANGE,
	rectifyMinutes: 30
});

/** A case sitting in `status`, with the dates that status implies already filled in. */
export function stateIn(status: EnforcementStatus, extra: Partial<EnforcementState> = {}): EnforcementState {
	const base = openEnforcement(T0, cal, 5).state;
	return {
		...base,
		status,
		notifiedAt: T0,
		rectifyDueAt: T0 + 30 * 60_000,
		registeredAt: T0,
		decisionDueAt: at('2026-12-29 00:00'),
		noticeAt: T0,
		proposedFine: 50_000,
		statementDueAt: at('2026-10-10 00:00'),
		decisionAt: T0,
		fine: 50_000,
		paymentDueAt: at('2026-10-15 00:00'),
		...extra
	};
}

/** A command for each action that the workflow accepts when the state is right. */
export const VALID: { [A in EnforcementCommand['action']]: Extract<EnforcementCommand, { action: A }> } = {
	link_shop: { action: 'link_shop', shopId: 9 },
	notify: { action: 'notify', phone: '13912345678', text: '【古美路街道】请立即整改' },
	recheck: { action: 'recheck', corrected: false, note: '仍在经营', photoCount: 1 },
	register: { action: 'register' },
	confirm_party: { action: 'confirm_party', method: 'phone', note: '负责人确认' },
	issue_notice: { action: 'issue_notice', proposedFine: 50_000 },
	record_statement: { action: 'record_statement', statement: '初犯，请求从轻' },
	lapse_statement: { action: 'lapse_statement' },
	decide: { action: 'decide', fine: 30_000 },
	record_payment: { action: 'record_payment', amount: 50_000, paidOn: '2026-10-12' },
	close: { action: 'close' },
	cancel: { action: 'cancel', reason: '当事人主体错误' }
};

/** When each action is valid in time: rechecks after the rectify period, lapses after the window. */
export const WHEN: Partial<Record<EnforcementCommand['action'], number>> = {
	recheck: T0 + 31 * 60_000,
	lapse_statement: at('2026-10-10 00:01'),
	record_payment: at('2026-10-12 15:00')
};
