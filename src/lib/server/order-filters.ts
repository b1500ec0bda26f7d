// The 12345 order list's filters from the query string: the list page and its export read them alike,
// so a file holds exactly the orders the screen listed. Unknown values fall back to the defaults.
import { HOTLINE_QUEUES, type HotlineQueue } from '$lib/domain/hotline-queues';
import type { HotlineFilters } from './services/hotline/order-list';

const isQueue = (s: string): s is HotlineQueue => (HOTLINE_QUEUES as readonly string[]).includes(s);

export function parseOrderFilters(params: URLSearchParams): HotlineFilters & { page: number } {
	const queue = params.get('queue') ?? 'all';
	return {
		queue: isQueue(queue) ? queue : 'all',
		q: params.get('q')?.trim().slice(0, 100) || undefined,
		repeat: params.get('repeat') === '1',
		page: /^[1-9][0-9]{0,6}$/.test(params.get('page') ?? '') ? Number(params.get('page')) : 1
	};
}
