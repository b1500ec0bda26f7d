import { describe, expect, it } from 'vitest';
import { safePath } from './safe-path';

describe('safePath keeps redirects on this site', () => {
	it.each([
		['/cases?status=closed', '/cases?status=closed'],
		['/cases/12', '/cases/12'],
		['/中文', '/%E4%B8%AD%E6%96%87'],
		['//evil.example', '/tasks'],
		['/\\evil.example', '/tasks'],
		['/\t/evil.example', '/tasks'],
		['/%0d%0aSet-Cookie:x', '/%0d%0aSet-Cookie:x'],
		['https://evil.example/', '/tasks'],
		['', '/tasks'],
		[null, '/tasks']
	])('%s → %s', (raw, expected) => {
		expect(safePath(raw)).toBe(expected);
	});
});
