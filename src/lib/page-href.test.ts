import { describe, expect, it } from 'vitest';
import { countActiveFilters, pageHref } from './page-href';

describe('countActiveFilters: what the folded filters button says', () => {
	it('counts each filter set once, leaving out empty ones, the page and the view choices', () => {
		expect(countActiveFilters(new URLSearchParams('status=closed&area=3&q=&page=2'))).toBe(2);
		expect(countActiveFilters(new URLSearchParams('status=handling&status=feedback'))).toBe(1);
		expect(countActiveFilters(new URLSearchParams('overdue=1&track=all&month=2026-11'), ['track', 'month'])).toBe(1);
		expect(countActiveFilters(new URLSearchParams(''))).toBe(0);
	});
	it('pageHref keeps the filters and replaces the page', () => {
		expect(pageHref(new URLSearchParams('q=a b&page=3'), 4)).toBe('?q=a%20b&page=4');
	});
});
