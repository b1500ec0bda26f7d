import { describe, expect, it } from 'vitest';
import { currentHelpPage, GUIDES } from './help-guides';
import { ROLES } from '$lib/domain/access';

describe('help guides', () => {
	it('every role has a guide with pages, steps, and texts in both languages', () => {
		for (const role of ROLES) {
			const g = GUIDES[role];
			expect(g.pages.length, role).toBeGreaterThan(2);
			expect(g.steps.length, role).toBeGreaterThan(3);
			for (const step of g.steps) expect(step({}, { locale: 'en' })).not.toMatch(/[\u4e00-\u9fff]/);
		}
	});

	it.each([
		['/tasks', '/tasks'],
		['/cases/new', '/cases/new'],
		['/cases/12', '/cases'],
		['/cases', '/cases'],
		['/casesx', null],
		['/hotline/3', null],
		['/admin/audit', null],
		[null, null]
	])('the page for %s is %s (grid worker)', (from, page) =>
		expect(currentHelpPage(GUIDES.grid_worker.pages, from)).toBe(page)
	);

	it('the dispatcher on a 12345 order is on 12345 工单', () =>
		expect(currentHelpPage(GUIDES.dispatcher.pages, '/hotline/3')).toBe('/hotline'));
});
