import { describe, expect, it } from 'vitest';
import { casePhotos, isFormPage, isKeptPage, pageKey, taskLinks } from './kept-pages';

describe('kept pages', () => {
	it.each([
		['/tasks', true],
		['/outbox', true],
		['/cases/new', true],
		['/cases/42', true],
		['/cases', false],
		['/cases/0', false],
		['/cases/42/edit', false],
		['/stats', false],
		['/admin/users', false]
	])('%s kept: %s', (path, kept) => {
		expect(isKeptPage(path)).toBe(kept);
	});

	it('opens the report form and the outbox from the kept copy first, lists of work from the network first', () => {
		expect(['/cases/new', '/outbox', '/tasks', '/cases/7'].map(isFormPage)).toEqual([true, true, false, false]);
	});

	it('keys data requests without the parameters SvelteKit adds, keeping the page’s own', () => {
		expect(pageKey(new URL('http://h/cases/4/__data.json?x-sveltekit-invalidated=01'))).toBe(
			'http://h/cases/4/__data.json'
		);
		expect(pageKey(new URL('http://h/tasks?view=reported&x-sveltekit-trailing-slash=1'))).toBe(
			'http://h/tasks?view=reported'
		);
	});

	it('finds each linked case once, in page order', () => {
		const html =
			'<a href="/cases/9">W9</a><a href="/cases/3">W3</a><a href="/cases/9">again</a><a href="/cases/new">上报</a><a href="/hotline/5">工单</a>';
		expect(taskLinks(html)).toEqual(['/cases/9', '/cases/3']);
	});

	it('keeps a case page’s thumbnails and its 处置前 photo in full, once each', () => {
		const a = 'a'.repeat(32);
		const b = 'b'.repeat(32);
		const html = `<div data-before-photo="${a}"><img src="/photos/${a}/thumb"></div><img src="/photos/${b}/thumb"><img src="/photos/${a}/thumb"><img src="/photos/../thumb">`;
		expect(casePhotos(html)).toEqual([`/photos/${a}/thumb`, `/photos/${b}/thumb`, `/photos/${a}/full`]);
	});
});
