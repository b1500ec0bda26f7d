// What the live board (实时看板) counts, and by what it groups: the names the page and its counts share.

export const BOARD_DIMENSIONS = ['area', 'community', 'department'] as const;
export type BoardDimension = (typeof BOARD_DIMENSIONS)[number];
export const isBoardDimension = (s: string): s is BoardDimension => (BOARD_DIMENSIONS as readonly string[]).includes(s);

/** Grid-case figures, then the one 12345 figure (先行联系 awaiting). */
export const CASE_METRICS = [
	'open',
	'due_soon',
	'overdue',
	'check_late',
	'awaiting_sign',
	'returned',
	'extension',
	'supervised'
] as const;
export const BOARD_METRICS = [...CASE_METRICS, 'awaiting_contact'] as const;
export type BoardMetric = (typeof BOARD_METRICS)[number];
export type BoardCounts = Record<BoardMetric, number>;
