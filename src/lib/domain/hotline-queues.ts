/** The work lists of 12345 orders, shown as tabs. */
export const HOTLINE_QUEUES = [
	'all',
	'awaiting_contact',
	'due_soon',
	'overdue',
	'returned',
	'awaiting_approval'
] as const;
export type HotlineQueue = (typeof HOTLINE_QUEUES)[number];
