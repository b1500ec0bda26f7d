import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { at, HOUR } from '$lib/domain/fixtures/time';
import { actorOf, createTestDb, type TestDb } from '../test-db';
import { orderRow } from '../services/stats/fixtures';
import { HOTLINE_PAGE_SIZE, listOrders, listOrdersWaiting } from './hotline-order-lists';

let t: TestDb;
beforeEach(async () => {
	t = await createTestDb();
});
afterEach(() => t.cleanup());

const NOW = at('2026-03-15 10:00');

/** Open orders with step deadlines spread before and after NOW, several on the same instant, some with none. */
async function orders(n: number): Promise<{ id: number; due: number | null }[]> {
	const made = [];
	for (let i = 0; i < n; i++) {
		const id = await orderRow(t.db, { receivedAt: NOW - 96 * HOUR, deadlineAt: NOW + 72 * HOUR, status: 'received' });
		const due = i % 7 === 3 ? null : NOW + ((i * 5) % 11) * HOUR - 6 * HOUR;
		await t.db
			.updateTable('hotline_orders')
			.set({ due_at: due, warn_at: due === null ? null : due - HOUR })
			.where('id', '=', id)
			.execute();
		made.push({ id, due });
	}
	return made;
}

/** Nearest deadline first, none last, then by id: what each list promises. */
const byDeadline = (ids: 'asc' | 'desc') => (a: { id: number; due: number | null }, b: typeof a) =>
	(a.due === null ? 1 : 0) - (b.due === null ? 1 : 0) ||
	(a.due ?? 0) - (b.due ?? 0) ||
	(ids === 'asc' ? a.id - b.id : b.id - a.id);

describe('the order lists pick their page before reading its rows', () => {
	it('pages of the whole list and of the overdue queue follow one another in deadline order, none twice', async () => {
		const made = await orders(2 * HOTLINE_PAGE_SIZE + 5);
		const diaodu = await actorOf(t.db, 'diaodu');
		const pages = async (queue: 'all' | 'overdue') => {
			const seen: number[] = [];
			for (let page = 1; page <= 3; page++)
				seen.push(...(await listOrders(t.db, diaodu, { queue, page }, NOW)).rows.map((r) => r.id));
			return seen;
		};
		expect(await pages('all')).toEqual([...made].sort(byDeadline('desc')).map((o) => o.id));
		const overdue = made.filter((o) => o.due !== null && o.due < NOW);
		expect(overdue.length).toBeGreaterThan(HOTLINE_PAGE_SIZE);
		expect(await pages('overdue')).toEqual(overdue.sort(byDeadline('desc')).map((o) => o.id));
		const first = await listOrders(t.db, diaodu, { queue: 'overdue' }, NOW);
		expect([first.total, first.pageCount]).toEqual([overdue.length, 2]);
	});

	it('the task list: nearest deadline first, none last, with its 居民区 and category', async () => {
		const made = await orders(30);
		const listed = await listOrdersWaiting(t.db, ['received'], null);
		expect(listed.map((r) => r.id)).toEqual([...made].sort(byDeadline('asc')).map((o) => o.id));
		expect(listed[0]).toHaveProperty('community_name');
		expect(listed[0]).toHaveProperty('category_name');
		expect(await listOrdersWaiting(t.db, ['handling'], null)).toEqual([]);
	});
});
