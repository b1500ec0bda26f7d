import { describe, expect, it } from 'vitest';
import { at, HOUR } from './fixtures/time';
import { sortWorkItems, workItemHref, type WorkItem } from './work-items';

const NOW = at('2026-03-16 10:00');

function item(key: string, f: Partial<WorkItem>): WorkItem {
	const [kind, id] = key.split(':');
	return {
		kind: kind as WorkItem['kind'],
		id: Number(id),
		code: key,
		status: 'handling',
		category: '',
		place: '',
		startedAt: NOW - 10 * HOUR,
		deadlineAt: null,
		warnAt: null,
		paused: false,
		finished: false,
		supervised: false,
		...f
	};
}
const keys = (items: WorkItem[]) => sortWorkItems(items).map((i) => i.code);

describe('sortWorkItems: one list of cases and orders, nearest deadline first', () => {
	it.each([
		{
			name: 'overdue first (longest overdue at the top), then due soonest, across both kinds',
			items: [
				item('case:1', { deadlineAt: NOW + 5 * HOUR }),
				item('order:2', { deadlineAt: NOW - HOUR }),
				item('case:3', { deadlineAt: NOW - 30 * HOUR }),
				item('order:4', { deadlineAt: NOW + HOUR })
			],
			expected: ['case:3', 'order:2', 'order:4', 'case:1']
		},
		{
			name: 'parked (挂账) and deadline-less (待回访) items last, even when their old deadline passed',
			items: [
				item('case:1', { deadlineAt: NOW - 50 * HOUR, paused: true }),
				item('order:2', { deadlineAt: null }),
				item('case:3', { deadlineAt: NOW + 100 * HOUR })
			],
			expected: ['case:3', 'case:1', 'order:2']
		},
		{
			name: 'finished items (我上报的) never come before a running clock',
			items: [item('case:1', { deadlineAt: NOW - HOUR, finished: true }), item('case:2', { deadlineAt: NOW + HOUR })],
			expected: ['case:2', 'case:1']
		},
		{
			name: 'equal deadlines: cases before orders, then by id, whatever the input order',
			items: [
				item('order:1', { deadlineAt: NOW }),
				item('case:9', { deadlineAt: NOW }),
				item('case:2', { deadlineAt: NOW })
			],
			expected: ['case:2', 'case:9', 'order:1']
		},
		{ name: 'an empty list stays empty', items: [], expected: [] }
	])('$name', ({ items, expected }) => {
		expect(keys(items)).toEqual(expected);
		expect(keys([...items].reverse())).toEqual(expected);
	});

	it('returns a new array and leaves the input as it was', () => {
		const items = [item('case:1', { deadlineAt: NOW + HOUR }), item('case:2', { deadlineAt: NOW - HOUR })];
		const sorted = sortWorkItems(items);
		expect(sorted).not.toBe(items);
		expect(items.map((i) => i.code)).toEqual(['case:1', 'case:2']);
	});
});

describe('workItemHref', () => {
	it('opens a case or an order on its own page', () => {
		expect(workItemHref({ kind: 'case', id: 7 })).toBe('/cases/7');
		expect(workItemHref({ kind: 'order', id: 7 })).toBe('/hotline/7');
	});
});
