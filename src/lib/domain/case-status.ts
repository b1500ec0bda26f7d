import { isOneOf } from './one-of';

/** Statuses of a grid-flow case (网格流转案件). */
export const CASE_STATUSES = [
	'reported', // 待受理 (上报)
	'accepted', // 待立案 (已受理)
	'registered', // 待派遣 (已立案)
	'dispatched', // 待签收 (已派遣)
	'handling', // 处置中 (已签收)
	'return_requested', // 回退待审
	'extension_requested', // 延期待审
	'parked', // 挂账
	'feedback', // 待核查 (已处置反馈)
	'checked', // 待结案 (核查通过)
	'closed', // 已结案
	'void' // 已作废
] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

export const OPEN_STATUSES: readonly CaseStatus[] = CASE_STATUSES.filter((s) => s !== 'closed' && s !== 'void');

export const isCaseStatus = (s: string): s is CaseStatus => isOneOf(CASE_STATUSES, s);

/** Actions on an existing case, one per verb. */
export const CASE_ACTIONS = [
	'accept', // 受理
	'void', // 作废
	'register', // 立案
	'dispatch', // 派遣 / 改派
	'sign', // 签收
	'feedback', // 处置反馈
	'request_return', // 申请回退
	'approve_return',
	'reject_return',
	'request_extension', // 申请延期
	'approve_extension',
	'reject_extension',
	'park', // 挂账
	'unpark', // 解挂
	'check_pass', // 核查通过
	'check_fail', // 核查不通过 → 返工
	'close', // 结案
	'supervise' // 督办
] as const;
export type CaseAction = (typeof CASE_ACTIONS)[number];

export const isCaseAction = (s: string): s is CaseAction => isOneOf(CASE_ACTIONS, s);

/** Case sources (来源); 'hotline' is a 12345 order turned into a grid case (only from the order's page). */
export const CASE_SOURCES = ['patrol', 'resident', 'video', 'leader', 'hotline'] as const;
export type CaseSource = (typeof CASE_SOURCES)[number];

/** Reason codes for 回退 (the assignee says "not ours"). */
export const RETURN_REASONS = ['not_our_duty', 'wrong_location', 'duplicate', 'info_insufficient', 'other'] as const;
export type ReturnReason = (typeof RETURN_REASONS)[number];

export const URGENCIES = ['一般', '紧急'] as const;
export type Urgency = (typeof URGENCIES)[number];
