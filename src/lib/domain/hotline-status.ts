import { isOneOf } from './one-of';

/** Statuses of a 12345 hotline work order (工单), as the street handles it. */
export const HOTLINE_STATUSES = [
	'received', // 待派单: pushed down to the street, awaiting assignment
	'assigned', // 待签收: 派至承办部门
	'handling', // 办理中 (已签收)
	'return_requested', // 退单待审
	'extension_requested', // 延期待审
	'replied', // 已答复: awaiting 回访/评价
	'redo', // 重办中: after a 不满意 evaluation
	'completed', // 已办结
	'returned' // 已退单: an approved 退单 sends the order back to the city (terminal)
] as const;
export type HotlineStatus = (typeof HOTLINE_STATUSES)[number];

export const OPEN_HOTLINE_STATUSES: readonly HotlineStatus[] = HOTLINE_STATUSES.filter(
	(s) => s !== 'completed' && s !== 'returned'
);

export const isHotlineStatus = (s: string): s is HotlineStatus => isOneOf(HOTLINE_STATUSES, s);

/** Actions on an existing order, one per verb. */
export const HOTLINE_ACTIONS = [
	'assign', // 派至承办部门 / 改派
	'sign', // 签收
	'first_contact', // 先行联系
	'reply', // 答复 (办结反馈)
	'request_return', // 退单
	'approve_return',
	'reject_return',
	'request_extension', // 延期
	'approve_extension',
	'reject_extension',
	'supervise', // 督办
	'evaluate' // 街道回访 / 市民评价
] as const;
export type HotlineAction = (typeof HOTLINE_ACTIONS)[number];

export const isHotlineAction = (s: string): s is HotlineAction => isOneOf(HOTLINE_ACTIONS, s);

/** How 先行联系 was made. */
export const CONTACT_METHODS = ['phone', 'sms', 'visit'] as const;
export type ContactMethod = (typeof CONTACT_METHODS)[number];

/** What came of 先行联系: reached, the citizen declined contact, or no usable number (anonymous). */
export const CONTACT_OUTCOMES = ['contacted', 'declined', 'no_phone'] as const;
export type ContactOutcome = (typeof CONTACT_OUTCOMES)[number];

/** 市民评价; 'unreachable' = the citizen could not be reached at 回访 (no valid evaluation). */
export const SATISFACTION = ['满意', '基本满意', '不满意', 'unreachable'] as const;
export type Satisfaction = (typeof SATISFACTION)[number];

/** Reason codes for 退单. */
export const HOTLINE_RETURN_REASONS = [
	'not_in_jurisdiction', // 非本街道辖区
	'not_our_duty', // 非街道职责
	'duplicate', // 重复工单
	'info_insufficient', // 信息不全无法办理
	'other'
] as const;
export type HotlineReturnReason = (typeof HOTLINE_RETURN_REASONS)[number];

/** 紧急程度 of an order. */
export const ORDER_URGENCIES = ['一般', '紧急'] as const;
export type OrderUrgency = (typeof ORDER_URGENCIES)[number];
