import { isOneOf } from './one-of';

/** Statuses of a non-onsite enforcement case (非现场执法). */
export const ENFORCEMENT_STATUSES = [
	'pending_notice', // 待先行告知
	'rectifying', // 整改期 (先行告知已发)
	'pending_register', // 复查未整改·待立案
	'registered', // 已立案·待当事人确认
	'party_confirmed', // 待送达违法行为告知书
	'statement', // 陈述申辩期
	'pending_decision', // 待作出处罚决定
	'awaiting_payment', // 待缴款
	'paid', // 已缴款·待结案
	'closed', // 已结案
	'cancelled' // 已撤销
] as const;
export type EnforcementStatus = (typeof ENFORCEMENT_STATUSES)[number];

export const OPEN_ENFORCEMENT_STATUSES: readonly EnforcementStatus[] = ENFORCEMENT_STATUSES.filter(
	(s) => s !== 'closed' && s !== 'cancelled'
);

export const isEnforcementStatus = (s: string): s is EnforcementStatus => isOneOf(ENFORCEMENT_STATUSES, s);

/** One verb per legal step. */
export const ENFORCEMENT_ACTIONS = [
	'link_shop', // 关联商户档案
	'notify', // 先行告知整改 (SMS)
	'recheck', // 复查
	'register', // 立案
	'confirm_party', // 当事人确认
	'issue_notice', // 送达违法行为告知书
	'record_statement', // 记录陈述申辩
	'lapse_statement', // 陈述申辩期满未申辩
	'decide', // 作出处罚决定书
	'record_payment', // 登记缴款
	'close', // 结案
	'cancel' // 撤销
] as const;
export type EnforcementAction = (typeof ENFORCEMENT_ACTIONS)[number];

export const isEnforcementAction = (s: string): s is EnforcementAction => isOneOf(ENFORCEMENT_ACTIONS, s);

/** How a closed case ended. */
export type EnforcementOutcome = 'corrected' | 'paid' | 'cancelled';
