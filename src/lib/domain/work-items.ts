// One list of the work waiting on a person: grid cases (案件) and 12345 orders (工单) together,
// each with its current step's clock. Pure: rows are mapped on the server.

/** case = a grid-flow case (/cases/ID); order = a 12345 work order (/hotline/ID). */
export type WorkKind = 'case' | 'order';

/** A row of the mixed list, already fit to show: no citizen name or phone is ever part of it. */
export interface WorkItem {
	kind: WorkKind;
	id: number;
	/** The case code or the 工单号. */
	code: string;
	status: string;
	/** The category's label, or for an order without one its order type (咨询, 投诉…). */
	category: string;
	/** 片区 · 居民区 for a case; the 居民区 (or the address given) for an order. */
	place: string;
	/** The current step's clock: when it started, when it is due, when it turns yellow (75 %). */
	startedAt: number;
	deadlineAt: number | null;
	warnAt: number | null;
	/** 挂账: the clock stands still. */
	paused: boolean;
	/** Closed, void or finished: no clock to show. */
	finished: boolean;
	supervised: boolean;
	/** Shown where the list is of reports (我上报的). */
	reportedAt?: number;
}

export function workItemHref(item: Pick<WorkItem, 'kind' | 'id'>): string {
	return item.kind === 'case' ? `/cases/${item.id}` : `/hotline/${item.id}`;
}

type Sortable = Pick<WorkItem, 'kind' | 'id' | 'deadlineAt' | 'paused' | 'finished'>;

/** Whether the item's clock runs: parked, finished and deadline-less items wait at the end. */
const hasClock = (i: Sortable) => i.deadlineAt !== null && !i.paused && !i.finished;

/**
 * Nearest deadline first, so the overdue come first (the longest overdue at the top), then what is
 * due soonest; items with no running clock (挂账, 待回访, finished) last. Equal deadlines: cases
 * before orders, then the older (lower id) first, so the order never changes between reloads.
 */
export function sortWorkItems<T extends Sortable>(items: readonly T[]): T[] {
	return [...items].sort((a, b) => {
		const clockA = hasClock(a);
		const clockB = hasClock(b);
		if (clockA !== clockB) return clockA ? -1 : 1;
		if (clockA && a.deadlineAt !== b.deadlineAt) return a.deadlineAt! - b.deadlineAt!;
		if (a.kind !== b.kind) return a.kind === 'case' ? -1 : 1;
		return a.id - b.id;
	});
}
